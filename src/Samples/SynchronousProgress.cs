namespace SlowSeries.Samples;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread. <see cref="Progress{T}"/> would post
/// each report to the thread pool, where the evaluation's own workers keep it busy: the bar would lag and could see
/// reports out of order.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
