using System.Collections.Concurrent;
using System.ComponentModel;

namespace SlowSeries;

/// <summary>
/// Every generated <c>[Vectorize]</c> range reduction of the loaded assemblies, by stable name: the generator registers
/// each one (of a method whose only parameter is the index) when its assembly loads. A worker process that runs the
/// same assemblies finds the same reductions under the same names.
/// </summary>
public static class RangeReductions
{
    private static readonly ConcurrentDictionary<string, RangeReduction> ByName = new(StringComparer.Ordinal);

    /// <summary>The registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. ByName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The reduction registered as <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No reduction has that name; the message lists the registered ones.</exception>
    public static RangeReduction Get(string name) =>
        ByName.TryGetValue(name, out var reduction)
            ? reduction
            : throw new KeyNotFoundException(ByName.IsEmpty
                ? $"no range reduction is named '{name}': none is registered (a [Vectorize] method's assembly registers its range reductions when it loads)"
                : $"no range reduction is named '{name}'; registered: {string.Join(", ", Names)}");

    /// <summary>Registers a generated range reduction (the generator's code calls this when its assembly loads).</summary>
    /// <param name="name">The stable name: the generated method's full name.</param>
    /// <param name="chunk">The reduction of one chunk, [start, end).</param>
    /// <param name="combine">Folds two partial results.</param>
    /// <param name="identity">The result of an empty range; null when it has none (min, max).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register<TResult>(string name, Func<long, long, TResult> chunk, Func<TResult, TResult, TResult> combine, TResult? identity)
        where TResult : struct =>
        ByName[name] = new RangeReduction<TResult>(name, chunk, combine, identity);
}
