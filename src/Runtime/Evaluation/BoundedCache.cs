using System.Collections.Concurrent;

namespace SlowSeries.Evaluation;

/// <summary>
/// A thread-safe cache that starts over when it holds <c>capacity</c> entries, so memory does not grow with the number
/// of expressions a process sees. It counts its own entries and starts over with a new dictionary: a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> keeps the lock array it grew through <c>Clear</c> (up to 1,024
/// locks), and its <c>Count</c> takes every one of them — a third of a new expression's parse time once a process had
/// seen a few thousand.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private ConcurrentDictionary<TKey, TValue> entries = new(comparer);

    private int added;

    public bool TryGetValue(TKey key, out TValue value) => Volatile.Read(ref entries).TryGetValue(key, out value!);

    /// <summary>Forgets every entry (evaluations holding one keep it).</summary>
    public void Clear()
    {
        Volatile.Write(ref entries, new ConcurrentDictionary<TKey, TValue>(comparer));
        Volatile.Write(ref added, 0);
    }

    /// <summary>Stores <paramref name="value"/>, first starting over if the cache is full.</summary>
    public void Set(TKey key, TValue value)
    {
        if (Interlocked.Increment(ref added) > capacity)
        {
            Volatile.Write(ref entries, new ConcurrentDictionary<TKey, TValue>(comparer));
            Volatile.Write(ref added, 1);
        }

        Volatile.Read(ref entries)[key] = value;
    }
}
