namespace SlowSeries.Samples.Course;

/// <summary>
/// The course's process-pool map: ten calls that each sleep (1 s by default; N is the sleep in milliseconds), as a
/// serial map and on 1, 2, 4, 8 workers. The calls wait rather than compute, so the time falls with workers, not cores.
/// </summary>
public sealed class PoolMapWorkload : CourseWorkload
{
    private const int Calls = 10;

    public override string Name => "pool-map";

    public override string Title => "10 sleeping calls: serial map vs a pool of N workers";

    public override long DefaultN => 1000;

    public override IReadOnlyList<string> Variants => ["serial", "workers"];

    public override IEnumerable<Measurement> Run(WorkloadOptions options, TextWriter log)
    {
        int sleep = (int)(options.N ?? DefaultN);
        var items = Enumerable.Range(0, Calls).ToArray();
        int Call(int item)
        {
            Thread.Sleep(sleep);
            return item;
        }

        // The expected time: ceil(10 / workers) rounds of one sleep; the check allows 15% of scheduling slack.
        if (Selected(options, "serial"))
        {
            var (seconds, _) = Timing.Once(() => items.Select(Call).ToArray());
            yield return new Measurement(Name, "serial", 1, Calls, seconds, seconds, Calls * sleep / 1000.0, 0.15, "naive serial map");
        }

        if (Selected(options, "workers"))
        {
            foreach (int workers in options.Threads)
            {
                var (seconds, results) = Timing.Once(() => WorkerPool.Map(items, Call, workers));
                double expected = Math.Ceiling((double)Calls / workers) * sleep / 1000.0;
                yield return new Measurement(Name, "workers", workers, Calls, seconds, seconds, expected, 0.15, $"WorkerPool.Map, {workers} worker(s): {Math.Ceiling((double)Calls / workers)} rounds");
            }
        }
    }
}
