using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SlowSeries.Arrays;
using SlowSeries.Execution;

namespace SlowSeries.Kernels;

/// <summary>
/// complex128 inputs used only through <c>.real</c> and <c>.imag</c> in a float64 plan (<c>z.real * w.imag</c>,
/// <c>where(z.imag &gt; 0, z.real, 0)</c>): the fused loop reads each part where it lies, every other double of the
/// pairs, with the loads of <see cref="StridedGather"/> — instead of the block interpreter gathering the parts into
/// buffers and computing there. Both engines move the same bits.
/// </summary>
internal static partial class FusedKernel
{
    /// <summary>The part steps (<see cref="StepLibrary"/>'s <c>real</c> and <c>imag</c> of a complex128 register).</summary>
    private const string RealPart = "real", ImaginaryPart = "imag";

    /// <summary>
    /// The complex128 input registers every consumer of which is a <c>real</c> or <c>imag</c> step (and which are no
    /// result): the fused loop reads such an input's parts, never the complex values.
    /// </summary>
    private static HashSet<int> PartInputRegisters(KernelPlan plan)
    {
        var parts = new HashSet<int>();
        foreach (var (_, register) in plan.Inputs)
        {
            if (plan.Registers[register] == DType.Complex128
                && !plan.Roots.Contains(register)
                && plan.Steps.Any(step => step.Inputs.Contains(register))
                && plan.Steps.Where(step => step.Inputs.Contains(register)).All(step => step is UnarySpanStep<Complex, double> { Name: RealPart or ImaginaryPart }))
            {
                parts.Add(register);
            }
        }

        return parts;
    }

    /// <summary>Whether the fused loop reads input register <paramref name="register"/> as its parts (for explain).</summary>
    public static bool ReadsParts(KernelPlan plan, int register) => PartInputRegisters(plan).Contains(register);

    /// <summary>0 for a <c>real</c>, 1 for an <c>imag</c> step of an input in <paramref name="readAsParts"/> (the double of each pair it reads), else null.</summary>
    private static int? PartOfInput(KernelStep step, HashSet<int> readAsParts) =>
        step is UnarySpanStep<Complex, double> { Name: var name } && readAsParts.Contains(step.Inputs[0]) ? (name == RealPart ? 0 : 1) : null;

    /// <summary>The index among the plan's inputs of the input held in <paramref name="register"/>.</summary>
    private static int InputIndex(KernelPlan plan, int register)
    {
        for (int k = 0; k < plan.Inputs.Count; k++)
        {
            if (plan.Inputs[k].Register == register)
            {
                return k;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(register), register, "not an input register");
    }

    /// <summary>
    /// One vector of an input's real (<paramref name="part"/> 0) or imaginary (1) parts from element
    /// <paramref name="offset"/> + <paramref name="i"/> of its <see cref="Complex"/> array; with no <paramref name="i"/>
    /// (a uniform input) the part of its one element, broadcast.
    /// </summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static Expression LoadPart(VectorWidth width, int part, ParameterExpression array, ParameterExpression offset, ParameterExpression? i)
    {
        if (i is null)
        {
            var value = Expression.Property(Expression.ArrayIndex(array, offset), part == 0 ? nameof(Complex.Real) : nameof(Complex.Imaginary));
            return Expression.Call(width.Static.GetMethod(nameof(Vector512.Create), [typeof(double)])!, value);
        }

        var load = AtWidth("LoadPart", width.Bytes);
        return Expression.Call(load, array, Expression.Add(offset, i), Expression.Constant(part));
    }

    /// <summary>
    /// The real (<paramref name="part"/> 0) or imaginary (1) parts of array[index], array[index + 1], … as one vector,
    /// without a bounds check: the loads stay within the elements the vector covers, which the caller checks exist.
    /// <paramref name="part"/> is a constant of the compiled loop, so one of the two loads remains.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LoadPart512(Complex[] array, int index, int part)
    {
        ref double first = ref Unsafe.As<Complex, double>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index));
        return part == 0 ? StridedGather.Load512(ref first) : StridedGather.LoadOdd512(ref first);
    }

    /// <summary>A 256-bit vector of parts (see <see cref="LoadPart512"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LoadPart256(Complex[] array, int index, int part)
    {
        ref double first = ref Unsafe.As<Complex, double>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index));
        return part == 0 ? StridedGather.Load256(ref first) : StridedGather.LoadOdd256(ref first);
    }

    /// <summary>A 128-bit vector of parts (see <see cref="LoadPart512"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> LoadPart128(Complex[] array, int index, int part)
    {
        ref double first = ref Unsafe.As<Complex, double>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index));
        return part == 0 ? StridedGather.Load128(ref first) : StridedGather.LoadOdd128(ref first);
    }
}
