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
            return item * item;
        }

        // The check is on the results (every call's, in order); the time is the measurement. Its ideal, ceil(10 / workers)
        // rounds of one sleep, is in the note: on a loaded machine sleeps overrun, and a timing is no correctness test.
        double reference = Enumerable.Range(0, Calls).Sum(item => (item + 1.0) * item * item);
        double Checksum(IReadOnlyList<int> results) => results.Select((value, position) => (position + 1.0) * value).Sum();
        if (Selected(options, "serial"))
        {
            var (seconds, results) = Timing.Once(() => items.Select(Call).ToArray());
            yield return new Measurement(Name, "serial", 1, Calls, seconds, Checksum(results), reference, 0, $"naive serial map; ideal {Calls * sleep / 1000.0:0.###} s");
        }

        if (Selected(options, "workers"))
        {
            foreach (int workers in options.Threads)
            {
                var (seconds, results) = Timing.Once(() => WorkerPool.Map(items, Call, workers));
                double rounds = Math.Ceiling((double)Calls / workers);
                yield return new Measurement(Name, "workers", workers, Calls, seconds, Checksum(results), reference, 0, $"WorkerPool.Map, {workers} worker(s): {rounds} rounds, ideal {rounds * sleep / 1000.0:0.###} s");
            }
        }
    }
}
