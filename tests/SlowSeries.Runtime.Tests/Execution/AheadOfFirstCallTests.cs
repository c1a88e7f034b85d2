using SlowSeries.Execution;

namespace SlowSeries.Runtime.Tests.Execution;

/// <summary>
/// The methods a fresh process has .NET compile ahead of their first call, on the thread pool while it parses its first
/// expression (KernelExecutor.StartPreparingInterpreter): they are found by name and compiled without error, since a
/// renamed or overloaded method would otherwise fail there unseen.
/// </summary>
public class AheadOfFirstCallTests
{
    [Fact]
    public void TheInterpretersMethodsArePreparedWithoutError() =>
        Assert.Null(Record.Exception(KernelExecutor.PrepareInterpreter));
}
