namespace SlowSeries.Language.Diagnostics;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean" hints.</summary>
internal static class NameSuggestions
{
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string lowered = name.ToLowerInvariant();
        var best = candidates
            .Select(candidate => (Candidate: candidate, Distance: Distance(lowered, candidate.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => Math.Abs(c.Candidate.Length - name.Length))
            .ThenBy(c => lowered.StartsWith(c.Candidate.ToLowerInvariant(), StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();

        // Beyond this the "suggestion" is noise: allow about one edit per three characters.
        return best.Candidate is not null && best.Distance <= Math.Max(1, Math.Max(name.Length, best.Candidate.Length) / 3) ? best.Candidate : null;
    }

    public static string Hint(string name, IEnumerable<string> candidates) =>
        Nearest(name, candidates) is { } nearest ? $"; did you mean '{nearest}'?" : "";

    /// <summary>Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one edit each.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
