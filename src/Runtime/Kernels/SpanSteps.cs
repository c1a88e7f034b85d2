using SlowSeries.Arrays;

namespace SlowSeries.Kernels;

internal delegate void UnarySpan<TIn, TOut>(ReadOnlySpan<TIn> x, Span<TOut> destination);

internal delegate void BinarySpan<TA, TB, TOut>(ReadOnlySpan<TA> x, ReadOnlySpan<TB> y, Span<TOut> destination);

internal delegate void TernarySpan<TA, TB, TC, TOut>(ReadOnlySpan<TA> x, ReadOnlySpan<TB> y, ReadOnlySpan<TC> z, Span<TOut> destination);

/// <summary>A step computed by one span function of one operand (a TensorPrimitives method or a typed loop).</summary>
internal sealed class UnarySpanStep<TIn, TOut>(string name, UnarySpan<TIn, TOut> function, int input, int output, bool canFail = false)
    : KernelStep([input], output)
{
    public string Name => name;

    public override bool CanFail => canFail;

    public override void Execute(KernelFrame frame, int count) =>
        function(frame.Get<TIn>(Inputs[0], count), frame.Get<TOut>(Output, count));

    public override string Describe() => $"r{Output} = {name}(r{Inputs[0]})";
}

/// <summary>
/// An inexact function (sin, exp, pow, ...) computed into the frame's 64-byte-aligned scratch and copied out, so each
/// element's value does not depend on the output array's address (see <see cref="KernelFrame.AlignedScratch{T}"/>).
/// </summary>
internal sealed class AlignedUnaryStep<T>(string name, UnarySpan<T, T> function, int input, int output)
    : KernelStep([input], output)
    where T : unmanaged
{
    public string Name => name;

    public override bool IsTranscendental => true;

    public override void Execute(KernelFrame frame, int count)
    {
        var scratch = frame.AlignedScratch<T>(count);
        function(frame.Get<T>(Inputs[0], count), scratch);
        scratch.CopyTo(frame.Get<T>(Output, count));
    }

    public override string Describe() => $"r{Output} = {name}(r{Inputs[0]})";
}

/// <summary>The two-operand form of <see cref="AlignedUnaryStep{T}"/>.</summary>
internal sealed class AlignedBinaryStep<T>(string name, BinarySpan<T, T, T> function, int left, int right, int output)
    : KernelStep([left, right], output)
    where T : unmanaged
{
    public string Name => name;

    public override bool IsTranscendental => true;

    public override void Execute(KernelFrame frame, int count)
    {
        var scratch = frame.AlignedScratch<T>(count);
        function(frame.Get<T>(Inputs[0], count), frame.Get<T>(Inputs[1], count), scratch);
        scratch.CopyTo(frame.Get<T>(Output, count));
    }

    public override string Describe() => $"r{Output} = {name}(r{Inputs[0]}, r{Inputs[1]})";
}

/// <summary>A step computed by one span function of two operands.</summary>
internal sealed class BinarySpanStep<TA, TB, TOut>(string name, BinarySpan<TA, TB, TOut> function, int left, int right, int output, bool canFail = false)
    : KernelStep([left, right], output)
{
    public string Name => name;

    public override bool CanFail => canFail;

    public override void Execute(KernelFrame frame, int count) =>
        function(frame.Get<TA>(Inputs[0], count), frame.Get<TB>(Inputs[1], count), frame.Get<TOut>(Output, count));

    public override string Describe() => $"r{Output} = {name}(r{Inputs[0]}, r{Inputs[1]})";
}

/// <summary>A step computed by one span function of three operands (<c>where</c>).</summary>
internal sealed class TernarySpanStep<TA, TB, TC, TOut>(string name, TernarySpan<TA, TB, TC, TOut> function, int first, int second, int third, int output)
    : KernelStep([first, second, third], output)
{
    public string Name => name;

    public override void Execute(KernelFrame frame, int count) =>
        function(frame.Get<TA>(Inputs[0], count), frame.Get<TB>(Inputs[1], count), frame.Get<TC>(Inputs[2], count), frame.Get<TOut>(Output, count));

    public override string Describe() => $"r{Output} = {name}(r{Inputs[0]}, r{Inputs[1]}, r{Inputs[2]})";
}

/// <summary>
/// sin and cos of the same operand in one pass (the optimiser pairs them): one range reduction for both
/// (TensorPrimitives.SinCos runs element by element and is 3x slower than sin and cos apart).
/// </summary>
internal sealed class SinCosStep<T>(int input, int sine, int cosine) : KernelStep([input], sine)
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public int Cosine { get; } = cosine;

    public override bool IsTranscendental => true;

    public override void Execute(KernelFrame frame, int count)
    {
        if (typeof(T) == typeof(double))
        {
            SlowSeries.Vectorization.VectorMath.SinCos(frame.Get<double>(Inputs[0], count), frame.Get<double>(Output, count), frame.Get<double>(Cosine, count));
        }
        else
        {
            SinglePrecisionSinCos.SinCos(frame.Get<float>(Inputs[0], count), frame.Get<float>(Output, count), frame.Get<float>(Cosine, count));
        }
    }

    public override string Describe() => $"(r{Output}, r{Cosine}) = sincos(r{Inputs[0]})";
}

/// <summary>Copies a register (when the root is an input or a constant).</summary>
internal sealed class CopyStep<T>(int input, int output) : KernelStep([input], output)
{
    public override void Execute(KernelFrame frame, int count) =>
        frame.Get<T>(Inputs[0], count).CopyTo(frame.Get<T>(Output, count));

    public override string Describe() => $"r{Output} = r{Inputs[0]}";
}

/// <summary>
/// Any operation, element by element through <see cref="Language.Semantics.ScalarSemantics"/>: the path for complex
/// numbers, byte strings and rare casts. Exactly the reference's arithmetic, at the reference's speed.
/// </summary>
internal sealed class ScalarFallbackStep(
    string name,
    Func<Scalar[], Scalar> function,
    int[] inputs,
    IReadOnlyList<DType> inputTypes,
    int output,
    bool canFail) : KernelStep(inputs, output)
{
    public override bool CanFail => canFail;

    public override void Execute(KernelFrame frame, int count)
    {
        var operands = new Scalar[Inputs.Length];
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < operands.Length; k++)
            {
                operands[k] = frame.GetScalar(Inputs[k], inputTypes[k], i);
            }

            frame.SetScalar(Output, i, function(operands));
        }
    }

    public override string Describe() => $"r{Output} = {name}({string.Join(", ", Inputs.Select(r => $"r{r}"))}) element by element";
}
