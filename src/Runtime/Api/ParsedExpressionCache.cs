using SlowSeries.Evaluation;
using SlowSeries.Language.Syntax;

namespace SlowSeries;

/// <summary>
/// Parsed syntax trees by expression text. Sprache is slow to start (it allocates per character), so repeated
/// evaluations of the same text parse once. Bounded: past <see cref="Capacity"/> entries the cache starts over.
/// </summary>
internal static class ParsedExpressionCache
{
    public const int Capacity = 256;

    private static readonly BoundedCache<string, SyntaxNode> Entries = new(Capacity, StringComparer.Ordinal);

    public static void Clear() => Entries.Clear();

    public static SyntaxNode Get(string text)
    {
        if (Entries.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var parsed = ExpressionParser.Parse(text);
        Entries.Set(text, parsed);
        return parsed;
    }
}
