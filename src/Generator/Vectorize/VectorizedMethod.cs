using SlowSeries.Generator.Common;

namespace SlowSeries.Generator.Vectorize;

/// <summary>A parameter of a <c>[Vectorize]</c> method: its name and scalar type keyword.</summary>
internal sealed record ScalarParameter(string Name, string Type);

/// <summary>
/// Everything the emitter needs about one <c>[Vectorize]</c> method, as values (no symbols or syntax), so the
/// incremental pipeline can tell when nothing changed.
/// </summary>
/// <param name="ContainingTypes">The partial type declarations from outermost to innermost, e.g. <c>static partial class Series</c>.</param>
/// <param name="Source">The user's method as written, quoted in the generated file's header.</param>
/// <param name="LaneBody">The translated body of the eight-lane version; null when the method falls back to scalar loops.</param>
/// <param name="PairedLanes">Whether the lane version runs as two vectors of the width at once (see <see cref="LoopCarriedChains"/>).</param>
/// <param name="Diagnostics">What to report: why the method was not vectorized, or why nothing could be generated.</param>
/// <param name="RegistryName">The stable name (namespace, types, method) under which its range reductions register
/// themselves in <c>RangeReductions</c> when the assembly loads; null when they cannot (more parameters than the index,
/// a bool result, or a containing type a module initializer cannot reach: private, protected or generic).</param>
internal sealed record VectorizedMethod(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string Name,
    string ReturnType,
    EquatableArray<ScalarParameter> Parameters,
    string Source,
    string? LaneBody,
    bool PairedLanes,
    bool CanGenerate,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string? RegistryName = null)
{
    public string HintName => string.Join(".", ContainingTypes.Select(t => t.Substring(t.LastIndexOf(' ') + 1))) + "." + Name + ".Vectorize.g.cs";
}
