namespace SlowSeries.Samples;

/// <summary>Times as people read them: µs, ms or s with a few digits.</summary>
public static class TimeFormat
{
    public static string Seconds(double seconds) => seconds switch
    {
        < 1e-3 => $"{seconds * 1e6:F1} µs",
        < 1 => $"{seconds * 1e3:F1} ms",
        _ => $"{seconds:F3} s",
    };
}
