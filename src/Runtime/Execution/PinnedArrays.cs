using System.Runtime.InteropServices;

namespace SlowSeries.Execution;

/// <summary>Arrays held in place for a scope: code that writes through raw addresses (non-temporal stores) needs them fixed.</summary>
internal sealed class PinnedArrays : IDisposable
{
    private readonly List<GCHandle> handles = [];

    public PinnedArrays(IEnumerable<Array> arrays)
    {
        try
        {
            foreach (var array in arrays)
            {
                handles.Add(GCHandle.Alloc(array, GCHandleType.Pinned));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var handle in handles)
        {
            handle.Free();
        }

        handles.Clear();
    }
}
