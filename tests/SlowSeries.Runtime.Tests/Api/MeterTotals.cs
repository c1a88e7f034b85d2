using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SlowSeries.Runtime.Tests.Api;

/// <summary>
/// The sum of every measurement of each <c>SlowSeries</c> meter instrument while this listens, by instrument name (what
/// <c>dotnet-counters</c> reads); 0 for an instrument that recorded nothing.
/// </summary>
internal sealed class MeterTotals : IDisposable
{
    private readonly ConcurrentDictionary<string, double> totals = new();
    private readonly MeterListener listener = new();

    public MeterTotals()
    {
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == "SlowSeries")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.Start();

        // The meter is created on the thread pool when SlowSeries is first used; measurements before it exists are recorded
        // when it does. Created now, this listener sees them before the test reads its totals.
        SlowSeries.Evaluation.Telemetry.EnsurePublished();
    }

    public double this[string instrument]
    {
        get
        {
            listener.RecordObservableInstruments();
            return totals.GetValueOrDefault(instrument);
        }
    }

    /// <summary>The totals so far, as they stand now.</summary>
    public Dictionary<string, double> Snapshot()
    {
        listener.RecordObservableInstruments();
        return new Dictionary<string, double>(totals);
    }

    public void Dispose() => listener.Dispose();
}
