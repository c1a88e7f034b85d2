using System.Collections.Concurrent;
using SlowSeries.Language.Binding;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Types;

namespace SlowSeries.Kernels;

/// <summary>
/// A bound expression lowered to a straight-line program over typed block registers: the shared plan the run-time
/// back-end executes (and the source back-end will render). Each input variable has a register loaded per block;
/// constants are registers filled once; every step writes one register; the root register holds the result.
/// </summary>
internal sealed class KernelPlan
{
    private readonly ConcurrentBag<KernelFrame> frames = [];

    public required BoundExpression Expression { get; init; }

    /// <summary>The dtype of each register.</summary>
    public required IReadOnlyList<DType> Registers { get; init; }

    /// <summary>Register of each input variable, by <see cref="BoundVariable.Index"/>.</summary>
    public required IReadOnlyList<int> InputRegisters { get; init; }

    public required IReadOnlyList<(int Register, Scalar Value)> Constants { get; init; }

    public required IReadOnlyList<KernelStep> Steps { get; init; }

    public required int Root { get; init; }

    /// <summary>The shape iterated over: the result's, or a full reduction's operand.</summary>
    public required Shape IterationShape { get; init; }

    /// <summary>For a full reduction at the root: the reduction; null for element-wise expressions.</summary>
    public required Operation? Reduction { get; init; }

    public required int BlockSize { get; init; }

    public int Rank => IterationShape.Rank;

    public bool CanFail => Steps.Any(s => s.CanFail);

    public KernelFrame RentFrame() => frames.TryTake(out var frame) ? frame : new KernelFrame(this);

    public void ReturnFrame(KernelFrame frame) => frames.Add(frame);

    public string Describe() => string.Join("\n", Steps.Select(s => s.Describe()));
}
