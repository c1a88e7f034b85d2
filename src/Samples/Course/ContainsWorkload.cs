namespace SlowSeries.Samples.Course;

/// <summary>The course's <c>contains</c> on byte strings: <c>contains(x, b'hi')</c> with x = [b'hi', b'there'], then at scale.</summary>
public sealed class ContainsWorkload : CourseWorkload
{
    public override string Name => "contains";

    public override string Title => "contains() on byte-string arrays";

    public override long DefaultN => 10_000_000;

    // 870 MB at 1e7: the decimal strings and their byte-string array.
    public override long PeakBytes(long n) => 87 * n;

    public override IReadOnlyList<string> Variants => ["course-example", "at-scale"];

    public override IEnumerable<Measurement> Run(WorkloadOptions options, TextWriter log)
    {
        if (Selected(options, "course-example"))
        {
            string[] x = ["hi", "there"];
            var (seconds, found) = Timing.Once(() => NumExpr.Evaluate("contains(x, b'hi')", new { x }).ToArray<bool>());
            log.WriteLine($"  contains([b'hi', b'there'], b'hi') = [{string.Join(", ", found)}] (NumPy's isin gives [True, False])");
            yield return new Measurement(Name, "course-example", 1, 2, seconds, found.Length == 2 && found[0] && !found[1] ? 1 : 0, 1, 0, "contains(x, b'hi')");
        }

        if (Selected(options, "at-scale"))
        {
            long n = options.N ?? DefaultN;
            string[] text = Enumerable.Range(1, (int)n).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            long expected = text.LongCount(s => s.Contains('9', StringComparison.Ordinal));

            // Converted to a byte-string array once, as the course's j = i.astype(np.bytes_) is made before timing.
            var j = Arrays.NDArray.Wrap(text.Select(System.Text.Encoding.ASCII.GetBytes).ToArray());
            foreach (int threads in options.Threads)
            {
                var (median, count) = WithThreads(threads, () => Timing.Median(options.Repeats, () => NumExpr.Evaluate("sum(where(contains(j, '9'), 1, 0))", new { j }, progress: options.Progress).GetAt(0).Integer));
                yield return new Measurement(Name, "at-scale", threads, n, median, count, expected, 0, "terms of the slow series with a 9 in them");
            }
        }
    }
}
