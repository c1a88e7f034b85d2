using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SlowSeries.Arrays;
using SlowSeries.Generator.Common;
using SlowSeries.Generator.Vectorize;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Diagnostics;
using SlowSeries.Language.Syntax;

namespace SlowSeries.Generator.Expressions;

/// <summary>
/// Implements <c>[GeneratedExpression("...")]</c> partial methods: the expression is parsed and bound at build time by
/// the run-time's own language core (errors become diagnostics inside the string literal), its parameters bind the
/// expression's variables by name, and the body is an eight-lane SIMD kernel run on the shared chunked executor.
/// </summary>
/// <remarks>
/// The method's form: <c>static partial void Name(inputs..., Span&lt;T&gt; result)</c>, inputs being
/// <c>ReadOnlySpan&lt;T&gt;</c>, <c>T[]</c> or a scalar <c>T</c> (broadcast), T one of double, long, int, bool. An
/// expression the kernel emitter does not cover yet (reductions, other functions) is evaluated by the run-time
/// back-end instead, with an Info diagnostic saying so.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class GeneratedExpressionGenerator : IIncrementalGenerator
{
    public const string AttributeName = "SlowSeries.GeneratedExpressionAttribute";
    private const int MaxInputs = 4;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is MethodDeclarationSyntax,
            static (attribute, cancellation) => Model(attribute, cancellation));

        context.RegisterSourceOutput(methods, static (output, method) =>
        {
            foreach (var diagnostic in method.Diagnostics)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById(diagnostic.Id), diagnostic.Location.ToLocation(), diagnostic.Arguments.ToArray<object>()));
            }

            if (method.CanGenerate)
            {
                output.AddSource(method.HintName, GeneratedExpressionEmitter.Emit(method));
            }
        });
    }

    private static ExpressionMethod Model(GeneratorAttributeSyntaxContext attribute, CancellationToken cancellation)
    {
        var declaration = (MethodDeclarationSyntax)attribute.TargetNode;
        var method = (IMethodSymbol)attribute.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        var data = attribute.Attributes[0];
        string text = data.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        var argumentSyntax = (data.ApplicationSyntaxReference?.GetSyntax(cancellation) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
        var signature = Signature(declaration, method, out string? problem);
        var containing = ContainingTypes(declaration);
        problem ??= containing is null ? "must be declared in partial types" : null;

        ExpressionMethod Failed(string id, Location location, params string[] arguments)
        {
            diagnostics.Add(new DiagnosticInfo(id, LocationInfo.From(location), arguments.ToEquatableArray()));
            return new ExpressionMethod(null, default, string.Empty, method.Name, text, default, string.Empty, string.Empty, null, false, diagnostics.ToEquatableArray());
        }

        if (problem is not null || signature is null)
        {
            return Failed(DiagnosticDescriptors.InvalidGeneratedExpressionMethod.Id, declaration.Identifier.GetLocation(), method.Name, problem ?? "has an unsupported signature");
        }

        var (inputs, output) = signature.Value;
        BoundExpression bound;
        try
        {
            var syntax = ExpressionParser.Parse(text);
            var variables = inputs.ToDictionary(
                p => p.Name,
                p => new VariableSignature(p.Name, DTypeOf(p.Element), p.Kind == InputKind.Scalar ? Shape.Scalar : new Shape(2)),
                StringComparer.Ordinal);
            bound = Binder.Bind(text, syntax, variables);
        }
        catch (ExpressionException error)
        {
            // Syntax errors start with where they are ("... at position 7: "); the diagnostic's location says that already.
            int prefix = error is ExpressionSyntaxException ? error.Message.IndexOf(": ", StringComparison.Ordinal) : -1;
            string message = prefix >= 0 ? error.Message.Substring(prefix + 2) : error.Message;
            var location = (argumentSyntax is null ? null : StringLiteralLocations.Inside(argumentSyntax, error.Position, error.Length)) ?? argumentSyntax?.GetLocation() ?? declaration.Identifier.GetLocation();
            return Failed(DiagnosticDescriptors.InvalidGeneratedExpression.Id, location, message);
        }

        string? laneBody = null;
        var outputLane = LaneTypes.FromKeyword(output.Element);
        try
        {
            if (outputLane is null || inputs.Any(p => LaneTypes.FromKeyword(p.Element) is null))
            {
                throw new NotSupportedException("float values");
            }

            laneBody = BoundLaneEmitter.Emit(bound, outputLane.Value);
        }
        catch (NotSupportedException unsupported)
        {
            diagnostics.Add(new DiagnosticInfo(
                DiagnosticDescriptors.ExpressionNotCompiled.Id,
                LocationInfo.From(argumentSyntax?.GetLocation() ?? declaration.Identifier.GetLocation()),
                new[] { method.Name, unsupported.Message }.ToEquatableArray()));
        }

        if (!BoundLaneEmitter.LaneOf(bound.Root.Type).HasValue && laneBody is not null)
        {
            laneBody = null;
        }

        if (!DTypes.CanCastSafely(bound.Root.Type, DTypeOf(output.Element)))
        {
            return Failed(DiagnosticDescriptors.InvalidGeneratedExpression.Id, argumentSyntax?.GetLocation() ?? declaration.Identifier.GetLocation(), $"the result is {bound.Root.Type.Name()} and cannot be stored in a Span<{output.Element}>");
        }

        string ns = method.ContainingNamespace.IsGlobalNamespace ? string.Empty : method.ContainingNamespace.ToDisplayString();
        string header = string.Join(" ", declaration.Modifiers.Select(m => m.Text)) + " void";
        return new ExpressionMethod(
            ns.Length == 0 ? null : ns,
            containing!.ToEquatableArray(),
            header,
            method.Name,
            text,
            inputs.ToEquatableArray(),
            output.Name,
            output.Element,
            laneBody,
            CanGenerate: true,
            diagnostics.ToEquatableArray());
    }

    private static DType DTypeOf(string keyword) => keyword switch
    {
        "double" => DType.Float64,
        "float" => DType.Float32,
        "long" => DType.Int64,
        "int" => DType.Int32,
        _ => DType.Bool,
    };

    private static (List<ExpressionInput> Inputs, ExpressionInput Output)? Signature(MethodDeclarationSyntax declaration, IMethodSymbol method, out string? problem)
    {
        problem = null;
        if (!method.IsStatic || !method.IsPartialDefinition || !method.ReturnsVoid || method.IsGenericMethod)
        {
            problem = "must be a static, non-generic partial method returning void (its last parameter, a Span<T>, receives the result)";
            return null;
        }

        var inputs = new List<ExpressionInput>();
        for (int k = 0; k < method.Parameters.Length; k++)
        {
            var parameter = method.Parameters[k];
            var (kind, element) = Classify(parameter.Type);
            bool last = k == method.Parameters.Length - 1;
            if (last)
            {
                if (kind != InputKind.Destination)
                {
                    problem = $"must end with a Span<T> parameter for the result ('{parameter.Name}' is {parameter.Type.ToDisplayString()})";
                    return null;
                }

                if (inputs.Count is 0 or > MaxInputs)
                {
                    problem = $"must have between 1 and {MaxInputs} inputs before the result";
                    return null;
                }

                return (inputs, new ExpressionInput(parameter.Name, kind, element!, parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
            }

            if (element is null || kind == InputKind.Destination || parameter.RefKind != RefKind.None)
            {
                problem = $"has parameter '{parameter.Name}' of type '{parameter.Type.ToDisplayString()}'; inputs are ReadOnlySpan<T>, T[] or T with T double, float, long, int or bool";
                return null;
            }

            inputs.Add(new ExpressionInput(parameter.Name, kind, element, parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
        }

        problem = "must end with a Span<T> parameter for the result";
        return null;
    }

    private static (InputKind Kind, string? Element) Classify(ITypeSymbol type)
    {
        if (LaneTypes.Keyword(type) is { } scalar)
        {
            return (InputKind.Scalar, scalar);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return (InputKind.Span, LaneTypes.Keyword(array.ElementType));
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && named.ContainingNamespace.ToDisplayString() == "System")
        {
            string? element = LaneTypes.Keyword(named.TypeArguments[0]);
            return named.Name switch
            {
                "ReadOnlySpan" => (InputKind.Span, element),
                "Span" => (InputKind.Destination, element),
                _ => (InputKind.Span, null),
            };
        }

        return (InputKind.Span, null);
    }

    private static List<string>? ContainingTypes(MethodDeclarationSyntax declaration)
    {
        var types = new List<string>();
        for (var node = declaration.Parent; node is TypeDeclarationSyntax type; node = node.Parent)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword) || type is RecordDeclarationSyntax || type.TypeParameterList is not null)
            {
                return null;
            }

            string modifiers = type.Modifiers.Any(SyntaxKind.StaticKeyword) ? "static partial " : "partial ";
            types.Insert(0, modifiers + type.Keyword.Text + " " + type.Identifier.Text);
        }

        return types.Count == 0 ? null : types;
    }
}

/// <summary>How an input parameter supplies its variable.</summary>
internal enum InputKind
{
    Scalar,
    Span,
    Destination,
}

/// <summary>A parameter of a <c>[GeneratedExpression]</c> method.</summary>
internal sealed record ExpressionInput(string Name, InputKind Kind, string Element, string DeclaredType);

/// <summary>Everything the emitter needs about one <c>[GeneratedExpression]</c> method, as values.</summary>
internal sealed record ExpressionMethod(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string Header,
    string Name,
    string Expression,
    EquatableArray<ExpressionInput> Inputs,
    string Output,
    string OutputElement,
    string? LaneBody,
    bool CanGenerate,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public string HintName => string.Join(".", ContainingTypes.Select(t => t.Substring(t.LastIndexOf(' ') + 1))) + "." + Name + ".Expression.g.cs";
}

/// <summary>Writes the generated body of a <c>[GeneratedExpression]</c> method.</summary>
internal static class GeneratedExpressionEmitter
{
    private const string Optimized = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    public static string Emit(ExpressionMethod method)
    {
        var text = new StringBuilder();
        text.Append("// <auto-generated/>\n");
        text.Append($"// SlowSeries [GeneratedExpression]: {(method.LaneBody is null ? "evaluated by the run-time back-end (see diagnostic SLS0104)" : "a fused SIMD (at the widest accelerated vector width), multi-threaded kernel")} for\n");
        text.Append("//     ").Append(method.Expression.Replace("\n", "\n//     ")).Append('\n');
        text.Append("#nullable enable\n\n");
        if (method.Namespace is not null)
        {
            text.Append($"namespace {method.Namespace};\n\n");
        }

        int depth = 0;
        void Line(string line) => text.Append(' ', line.Length == 0 ? 0 : depth * 4).Append(line).Append('\n');
        foreach (string type in method.ContainingTypes)
        {
            Line(type);
            Line("{");
            depth++;
        }

        string parameters = string.Join(", ", method.Inputs.Select(p => $"{p.DeclaredType} {p.Name}").Append($"global::System.Span<{method.OutputElement}> {method.Output}"));
        string names = string.Join(", ", method.Inputs.Select(p => p.Name));
        string typeArguments = string.Join(", ", method.Inputs.Select(p => p.Element).Append(method.OutputElement));
        string operands = string.Join(", ", method.Inputs.Select(p => $"global::SlowSeries.Vectorization.Operand<{p.Element}> {p.Name}"));
        Line($"{method.Header} {method.Name}({parameters})");
        Line("{");
        depth++;
        if (method.LaneBody is not null)
        {
            Line($"global::SlowSeries.Vectorization.VectorLoops.Map<{typeArguments}>({names}, {method.Output}, static ({names}, _destination) => {method.Name}Block({names}, _destination), \"{names}\");");
        }
        else
        {
            // Not covered by the build-time kernel emitter: the run-time back-end evaluates the same expression.
            Line("var slowSeriesVariables = new global::System.Collections.Generic.Dictionary<string, object?>(global::System.StringComparer.Ordinal)");
            Line("{");
            foreach (var input in method.Inputs)
            {
                Line($"    [\"{input.Name}\"] = {(input.Kind == InputKind.Scalar ? input.Name : $"((global::System.ReadOnlySpan<{input.Element}>){input.Name}).ToArray()")},");
            }

            Line("};");
            Line($"var slowSeriesResult = new {method.OutputElement}[{method.Output}.Length];");
            Line($"global::SlowSeries.NumExpr.Evaluate({Quote(method.Expression)}, slowSeriesVariables, global::SlowSeries.Arrays.NDArray.Wrap(slowSeriesResult, slowSeriesResult.Length));");
            Line($"slowSeriesResult.CopyTo({method.Output});");
        }

        depth--;
        Line("}");
        if (method.LaneBody is not null)
        {
            Line(string.Empty);
            string laneParameters = string.Join(", ", method.Inputs.Select(p => $"{LaneTypes.FromKeyword(p.Element)!.Value.VectorType()} v_{p.Name}"));
            Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            Line($"private static {LaneTypes.FromKeyword(method.OutputElement)!.Value.VectorType()} {method.Name}Lanes<W, TDouble, TLong>({laneParameters})");
            WidthGenericCode.Constraints().ToList().ForEach(Line);
            Line("{");
            depth++;
            foreach (string line in method.LaneBody.Split('\n').Where(l => l.Length > 0))
            {
                Line(line);
            }

            depth--;
            Line("}");
            Line(string.Empty);
            Line(Optimized);
            Line($"private static void {method.Name}Block({operands}, global::System.Span<{method.OutputElement}> _destination)");
            Line("{");
            depth++;
            WidthGenericCode.Dispatch($"{method.Name}Block<{{0}}>({names}, _destination)", returnsValue: false, scalarWidth: true).ToList().ForEach(Line);
            depth--;
            Line("}");
            Line(string.Empty);
            Line(Optimized);
            Line($"private static void {method.Name}Block<W, TDouble, TLong>({operands}, global::System.Span<{method.OutputElement}> _destination)");
            WidthGenericCode.Constraints().ToList().ForEach(Line);
            Line("{");
            depth++;
            Line("int _i = 0;");
            Line("for (; _i <= _destination.Length - W.Count; _i += W.Count)");
            Line("{");
            Line($"    W.Store({method.Name}Lanes<W, TDouble, TLong>({string.Join(", ", method.Inputs.Select(p => $"W.Load({p.Name}, _i)"))}), _destination, _i);");
            Line("}");
            Line(string.Empty);
            Line("if (_i < _destination.Length)");
            Line("{");
            Line($"    W.StoreTail({method.Name}Lanes<W, TDouble, TLong>({string.Join(", ", method.Inputs.Select(p => $"W.LoadTail({p.Name}, _i)"))}), _destination, _i);");
            Line("}");
            depth--;
            Line("}");
        }

        while (depth > 0)
        {
            depth--;
            Line("}");
        }

        return text.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
}
