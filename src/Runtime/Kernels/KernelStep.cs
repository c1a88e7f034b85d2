namespace SlowSeries.Kernels;

/// <summary>One instruction of a kernel: computes its output register from its input registers for a block.</summary>
internal abstract class KernelStep(int[] inputs, int output)
{
    public int[] Inputs { get; } = inputs;

    public int Output { get; } = output;

    /// <summary>True when the step can fail on some values (so results go to a scratch buffer, never straight to the caller's output).</summary>
    public virtual bool CanFail => false;

    /// <summary>True for a transcendental function (sin, exp, ...): far more arithmetic per element than memory traffic.</summary>
    public virtual bool IsTranscendental => false;

    public abstract void Execute(KernelFrame frame, int count);

    /// <summary>For the generated-code view and diagnostics: what the step does.</summary>
    public abstract string Describe();
}
