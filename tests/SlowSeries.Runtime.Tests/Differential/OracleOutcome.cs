using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>What NumExpr or NumPy returned for one case: a value with its dtype name, or an error message.</summary>
internal sealed record OracleOutcome(NDArray? Value, string? DTypeName, string? Error)
{
    public bool Succeeded => Value is not null;
}
