using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SlowSeries.Generator.Common;

namespace SlowSeries.Generator.Vectorize;

/// <summary>
/// Emits SIMD, multi-threaded versions of every <c>[Vectorize]</c> method: an eight-lane version (<c>NameLanes</c>),
/// element-wise over spans, and reductions over spans and index ranges. Methods the lane translator cannot handle get
/// the same API as threaded scalar loops and an Info diagnostic naming the construct.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class VectorizeGenerator : IIncrementalGenerator
{
    public const string AttributeName = "SlowSeries.VectorizeAttribute";
    private const int MaxParameters = 4;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is MethodDeclarationSyntax,
            static (attribute, cancellation) => Model((MethodDeclarationSyntax)attribute.TargetNode, (IMethodSymbol)attribute.TargetSymbol, attribute.SemanticModel, cancellation));

        context.RegisterSourceOutput(methods, static (output, method) =>
        {
            foreach (var diagnostic in method.Diagnostics)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById(diagnostic.Id), diagnostic.Location.ToLocation(), diagnostic.Arguments.ToArray<object>()));
            }

            if (method.CanGenerate)
            {
                output.AddSource(method.HintName, VectorizeEmitter.Emit(method));
            }
        });
    }

    private static VectorizedMethod Model(MethodDeclarationSyntax declaration, IMethodSymbol method, SemanticModel model, CancellationToken cancellation)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = LocationInfo.From(declaration.Identifier.GetLocation());
        string? problem = Problem(method);
        var containingTypes = ContainingTypes(declaration);
        if (containingTypes is null)
        {
            problem ??= "must be declared in partial types";
        }

        var parameters = method.Parameters.Select(p => new ScalarParameter(p.Name, LaneTypes.Keyword(p.Type) ?? p.Type.ToDisplayString())).ToEquatableArray();
        string returnType = LaneTypes.Keyword(method.ReturnType) ?? method.ReturnType.ToDisplayString();
        string source = declaration.WithAttributeLists(default).WithoutTrivia().ToFullString();
        if (problem is not null)
        {
            diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.InvalidVectorizeMethod.Id, location, new[] { method.Name, problem }.ToEquatableArray()));
            return new VectorizedMethod(null, default, method.Name, returnType, parameters, source, null, PairedLanes: false, CanGenerate: false, diagnostics.ToEquatableArray());
        }

        string? laneBody = null;
        try
        {
            // null: being translated (a recursive call cannot be vectorized: both sides of a branch run on lanes).
            var translated = new Dictionary<IMethodSymbol, bool?>(SymbolEqualityComparer.Default) { [method.OriginalDefinition] = null };
            laneBody = LaneTranslator.Translate(method, declaration, model, callee => CanVectorize(callee, model.Compilation, translated, cancellation), cancellation);
        }
        catch (NotVectorizableException unsupported)
        {
            diagnostics.Add(new DiagnosticInfo(
                DiagnosticDescriptors.NotVectorized.Id,
                LocationInfo.From(unsupported.Node.GetLocation()),
                new[] { method.Name, unsupported.Construct }.ToEquatableArray()));
        }

        string? ns = method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString();
        bool registers = parameters.Count == 1 && parameters[0].Type is "long" or "int" && returnType != "bool" && ReachableFromModule(method.ContainingType);
        return new VectorizedMethod(ns, containingTypes!.ToEquatableArray(), method.Name, returnType, parameters, source, laneBody, laneBody is not null && LoopCarriedChains.RunsPaired(declaration, model, laneBody), CanGenerate: true, diagnostics.ToEquatableArray(), registers ? method.ContainingType.ToDisplayString() + "." + method.Name : null);
    }

    /// <summary>Whether a module initializer declared in the type can run: every enclosing type public or internal, none generic.</summary>
    private static bool ReachableFromModule(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType || type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why the method cannot get generated versions at all, or null.</summary>
    private static string? Problem(IMethodSymbol method)
    {
        if (!method.IsStatic)
        {
            return "must be static";
        }

        if (method.IsGenericMethod)
        {
            return "must not be generic";
        }

        if (method.Parameters.Length is 0 or > MaxParameters)
        {
            return $"must have between 1 and {MaxParameters} parameters";
        }

        if (method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None || LaneTypes.Keyword(p.Type) is null) is { } parameter)
        {
            return $"has parameter '{parameter.Name}' of type '{parameter.Type.ToDisplayString()}'{(parameter.RefKind != RefKind.None ? " passed by reference" : string.Empty)}; parameters must be double, float, long, int or bool values";
        }

        return LaneTypes.Keyword(method.ReturnType) is null
            ? $"returns '{method.ReturnType.ToDisplayString()}'; it must return double, float, long, int or bool"
            : null;
    }

    /// <summary>The containing type declarations (outermost first) when all are partial; otherwise null.</summary>
    private static List<string>? ContainingTypes(MethodDeclarationSyntax declaration)
    {
        var types = new List<string>();
        for (var node = declaration.Parent; node is TypeDeclarationSyntax type; node = node.Parent)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return null;
            }

            string keyword = type is RecordDeclarationSyntax record
                ? "record " + (record.ClassOrStructKeyword.Text is { Length: > 0 } kind ? kind + " " : string.Empty)
                : type.Keyword.Text + " ";
            string modifiers = type.Modifiers.Any(SyntaxKind.StaticKeyword) ? "static partial " : "partial ";
            types.Insert(0, modifiers + keyword + type.Identifier.Text + (type.TypeParameterList?.ToString() ?? string.Empty));
        }

        return types.Count == 0 ? null : types;
    }

    /// <summary>Whether a called method is a <c>[Vectorize]</c> method that itself translates (its lane version exists).</summary>
    private static bool CanVectorize(IMethodSymbol callee, Compilation compilation, Dictionary<IMethodSymbol, bool?> translated, CancellationToken cancellation)
    {
        if (translated.TryGetValue(callee, out bool? known))
        {
            return known == true;
        }

        if (!callee.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeName)
            || Problem(callee) is not null
            || callee.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellation) is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        translated[callee] = null;
        try
        {
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
            LaneTranslator.Translate(callee, declaration, model, next => CanVectorize(next, compilation, translated, cancellation), cancellation);
            translated[callee] = true;
        }
        catch (NotVectorizableException)
        {
            translated[callee] = false;
        }

        return translated[callee] == true;
    }
}
