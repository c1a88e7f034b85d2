using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SlowSeries.Arrays;

namespace SlowSeries.Kernels;

/// <summary>
/// complex128 plans in the fused loop: each vector holds (re, im) pairs as float64 lanes — four numbers at 512 bits,
/// two at 256, one at 128 — loaded and stored as the arrays lay them out. Sums, differences and negations are lane by
/// lane; products, squares and conjugates are <see cref="ComplexArithmetic"/>'s vector forms, quotients <see cref="ComplexDivision"/>'s and abs
/// <see cref="ComplexMagnitude"/>'s, so the loop gives the interpreter's bits (which are the reference's). Plans with complex
/// results qualify when their other values are float64 or conditions (inputs, constants, parts, comparisons, where),
/// held per number in both lanes of its pair (<see cref="TranslateInComplexLoop"/>); other complex plans run on the block
/// interpreter, whose steps are vectorised one by one. A reduction's loop stores its operand's blocks, which the fixed layout then folds
/// (<see cref="Execution.FixedLayoutReduction.ComplexSum"/>, <see cref="Execution.FixedLayoutReduction.ComplexProduct"/>).
/// </summary>
internal static partial class FusedKernel
{
    /// <summary>
    /// Whether the plan's results are complex128 and every register holds complex128 or float64 values or conditions:
    /// float64 values (inputs, constants, parts of complex ones and what is computed from them) live in the pairs of
    /// lanes their numbers take, each value in both lanes of its pair (see <see cref="TranslateInComplexLoop"/>).
    /// </summary>
    private static bool ComplexQualifies(KernelPlan plan)
    {
        var loaded = plan.Inputs.Select(input => input.Register).Concat(plan.Constants.Select(constant => constant.Register)).ToHashSet();
        return plan.Roots.All(root => plan.Registers[root] == DType.Complex128)
            && plan.Registers.Select((type, register) => type is DType.Complex128 or DType.Float64 || (type == DType.Bool && !loaded.Contains(register))).All(ok => ok);
    }

    /// <summary>The name of <see cref="StepLibrary"/>'s cast of a float64 register to complex128.</summary>
    private const string RealToComplex = "to complex128";

    /// <summary>LoadRealAsPairs512, 256 or 128: float64 elements each in both lanes of a pair, as a complex loop holds float64 values.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static System.Reflection.MethodInfo LoadRealAsPairs(VectorWidth width) =>
        AtWidth("LoadRealAsPairs", width.Bytes);

    /// <summary>array[index], … array[index + 3] as (x, x) pairs, without a bounds check (see <see cref="LoadUnchecked512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LoadRealAsPairs512(double[] array, int index)
    {
        var real = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);
        return Vector256.Shuffle(real, Vector256.Create(0L, 0, 1, 1)).ToVector512Unsafe().WithUpper(Vector256.Shuffle(real, Vector256.Create(2L, 2, 3, 3)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LoadRealAsPairs256(double[] array, int index)
    {
        var real = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(array), (nuint)index);
        return Vector128.Shuffle(real, Vector128.Create(0L, 0)).ToVector256Unsafe().WithUpper(Vector128.Shuffle(real, Vector128.Create(1L, 1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> LoadRealAsPairs128(double[] array, int index) =>
        Vector128.Create(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index));

    /// <summary>
    /// A step of a complex loop: complex128 results by <see cref="TranslateComplex"/>; float64 values and conditions,
    /// each number's value in both lanes of its pair, by the float64 loop's own translation (lane by lane, the pairs
    /// stay pairs; a comparison's mask then selects whole numbers in `where`) — `where(z.real > 0.5, z, w)` ran on the
    /// block interpreter before. Null when the step has no vector form here.
    /// </summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static Expression? TranslateInComplexLoop(KernelPlan plan, VectorWidth width, KernelStep step, Dictionary<int, Expression> registers, Dictionary<int, Scalar> constants, List<ParameterExpression> locals, List<Expression> prologue, List<Expression> body) =>
        plan.Registers[step.Output] == DType.Complex128 || step is UnarySpanStep<Complex, double>
            ? TranslateComplex(width, step, registers, locals, body)
            : step.Inputs.All(input => plan.Registers[input] is DType.Float64 or DType.Bool) ? Translate<double>(width, step, registers, constants, locals, prologue, body)
            : null;

    /// <summary>A complex step on (re, im) pair lanes, its result in a new local; null when it has no vector form here.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static Expression? TranslateComplex(VectorWidth width, KernelStep step, Dictionary<int, Expression> registers, List<ParameterExpression> locals, List<Expression> body)
    {
        Expression In(int k) => registers[step.Inputs[k]];
        var doubles = width.Generic.MakeGenericType(typeof(double));
        Expression Product(Expression a, Expression b, bool zeroWhereAIsZero) =>
            Expression.Call(typeof(ComplexArithmetic).GetMethod(nameof(ComplexArithmetic.Product), [doubles, doubles, typeof(bool)])!, a, b, Expression.Constant(zeroWhereAIsZero));

        Expression? value = step switch
        {
            BinarySpanStep<Complex, Complex, Complex> { Name: nameof(Language.Operators.Operation.Add) } => Expression.Add(In(0), In(1)),
            BinarySpanStep<Complex, Complex, Complex> { Name: nameof(Language.Operators.Operation.Subtract) } => Expression.Subtract(In(0), In(1)),
            BinarySpanStep<Complex, Complex, Complex> { Name: nameof(Language.Operators.Operation.Multiply) } => Product(In(0), In(1), zeroWhereAIsZero: false),
            BinarySpanStep<Complex, Complex, Complex> { Name: nameof(Language.Operators.Operation.TrueDivide) } =>
                Expression.Call(typeof(ComplexDivision).GetMethod(nameof(ComplexDivision.Quotient), [doubles, doubles])!, In(0), In(1)),
            UnarySpanStep<Complex, Complex> { Name: "square" } => Product(In(0), In(0), zeroWhereAIsZero: true),
            UnarySpanStep<Complex, Complex> { Name: nameof(Language.Operators.Operation.Negate) } => Expression.Negate(In(0)),
            UnarySpanStep<Complex, Complex> { Name: "conj" } => Expression.Call(AtWidth("Conjugate", width.Bytes), In(0)),
            UnarySpanStep<Complex, Complex> { Name: "abs" } => Expression.Call(typeof(ComplexMagnitude).GetMethod(nameof(ComplexMagnitude.Abs), [doubles])!, In(0)),
            CopyStep<Complex> => In(0),
            UnarySpanStep<double, Complex> { Name: RealToComplex } => Expression.And(In(0), Expression.Call(AtWidth("RealLanes", width.Bytes))),
            UnarySpanStep<Complex, double> { Name: "real" } => Expression.Call(AtWidth("RealParts", width.Bytes), In(0)),
            UnarySpanStep<Complex, double> { Name: "imag" } => Expression.Call(AtWidth("ImaginaryParts", width.Bytes), In(0)),
            TernarySpanStep<bool, Complex, Complex, Complex> { Name: "where" } => Expression.Call(width.Static.GetMethods().Single(method => method.Name == nameof(Vector512.ConditionalSelect) && method.IsGenericMethodDefinition).MakeGenericMethod(typeof(double)), In(0), In(1), In(2)),
            BinarySpanStep<double, double, Complex> { Name: ComplexFromParts.StepName } => Expression.Call(AtWidth("PairsOfParts", width.Bytes), In(0), In(1)),
            _ => null,
        };
        if (value is null)
        {
            return null;
        }

        var local = Expression.Variable(doubles, "r" + step.Output);
        locals.Add(local);
        body.Add(Expression.Assign(local, value));
        registers[step.Output] = local;
        return local;
    }

    /// <summary>
    /// complex(x, y) from (x, +0) and (y, +0) pairs: the low lane of each pair of both, interleaved (x86's unpcklpd);
    /// elsewhere y's real lanes moved to the imaginary places and blended in. The bits as they are (an addition would
    /// turn −0 + 0 into +0). The shuffle and blend ran 2x slower than unpcklpd at 256 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PairsOfParts512(Vector512<double> real, Vector512<double> imaginary) =>
        Avx512F.IsSupported ? Avx512F.UnpackLow(real, imaginary)
            : Vector512.ConditionalSelect(Vector512.Create(-1L, 0, -1, 0, -1, 0, -1, 0).AsDouble(), real, Vector512.Shuffle(imaginary, Vector512.Create(1L, 0, 3, 2, 5, 4, 7, 6)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PairsOfParts256(Vector256<double> real, Vector256<double> imaginary) =>
        Avx.IsSupported ? Avx.UnpackLow(real, imaginary)
            : Vector256.ConditionalSelect(Vector256.Create(-1L, 0, -1, 0).AsDouble(), real, Vector256.Shuffle(imaginary, Vector256.Create(1L, 0, 3, 2)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> PairsOfParts128(Vector128<double> real, Vector128<double> imaginary) =>
        Sse2.IsSupported ? Sse2.UnpackLow(real, imaginary)
            : System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported ? System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.ZipLow(real, imaginary)
            : Vector128.ConditionalSelect(Vector128.Create(-1L, 0).AsDouble(), real, Vector128.Shuffle(imaginary, Vector128.Create(1L, 0)));

    /// <summary>All bits set in each pair's first lane: a float64 value held in both lanes, ANDed with it, becomes (x, +0), its cast to complex128.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> RealLanes512() => Vector512.Create(-1L, 0, -1, 0, -1, 0, -1, 0).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RealLanes256() => Vector256.Create(-1L, 0, -1, 0).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> RealLanes128() => Vector128.Create(-1L, 0).AsDouble();

    /// <summary>Each number's real part in both lanes of its pair (z.real as a complex loop holds float64 values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> RealParts512(Vector512<double> z) => Vector512.Shuffle(z, Vector512.Create(0L, 0, 2, 2, 4, 4, 6, 6));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RealParts256(Vector256<double> z) => Vector256.Shuffle(z, Vector256.Create(0L, 0, 2, 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> RealParts128(Vector128<double> z) => Vector128.Shuffle(z, Vector128.Create(0L, 0));

    /// <summary>Each number's imaginary part in both lanes of its pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ImaginaryParts512(Vector512<double> z) => Vector512.Shuffle(z, Vector512.Create(1L, 1, 3, 3, 5, 5, 7, 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ImaginaryParts256(Vector256<double> z) => Vector256.Shuffle(z, Vector256.Create(1L, 1, 3, 3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> ImaginaryParts128(Vector128<double> z) => Vector128.Shuffle(z, Vector128.Create(1L, 1));

    /// <summary>One complex number as (re, im) in every pair of lanes of the loop's vector.</summary>
    [RequiresDynamicCode(WhyDynamic)]
    [RequiresUnreferencedCode(WhyDynamic)]
    private static MethodCallExpression BroadcastComplex(VectorWidth width, Expression value) =>
        Expression.Call(AtWidth("BroadcastComplex", width.Bytes), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> BroadcastComplex512(Complex value) =>
        Vector512.Create(value.Real, value.Imaginary, value.Real, value.Imaginary, value.Real, value.Imaginary, value.Real, value.Imaginary);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> BroadcastComplex256(Complex value) => Vector256.Create(value.Real, value.Imaginary, value.Real, value.Imaginary);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> BroadcastComplex128(Complex value) => Vector128.Create(value.Real, value.Imaginary);

    /// <summary>The conjugates: the imaginary lanes' signs flipped, as <see cref="Complex.Conjugate"/> negates them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Conjugate512(Vector512<double> z) => z ^ Vector512.Create(0L, long.MinValue, 0L, long.MinValue, 0L, long.MinValue, 0L, long.MinValue).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Conjugate256(Vector256<double> z) => z ^ Vector256.Create(0L, long.MinValue, 0L, long.MinValue).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Conjugate128(Vector128<double> z) => z ^ Vector128.Create(0L, long.MinValue).AsDouble();

    /// <summary>Elements array[index], … as (re, im) lanes, without a bounds check (see <see cref="LoadUnchecked512{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LoadUncheckedComplex512(Complex[] array, int index) => Vector512.LoadUnsafe(ref Parts(array, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LoadUncheckedComplex256(Complex[] array, int index) => Vector256.LoadUnsafe(ref Parts(array, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> LoadUncheckedComplex128(Complex[] array, int index) => Vector128.LoadUnsafe(ref Parts(array, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUncheckedComplex512(Vector512<double> value, Complex[] array, int index) => value.StoreUnsafe(ref Parts(array, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUncheckedComplex256(Vector256<double> value, Complex[] array, int index) => value.StoreUnsafe(ref Parts(array, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUncheckedComplex128(Vector128<double> value, Complex[] array, int index) => value.StoreUnsafe(ref Parts(array, index));

    /// <summary>A non-temporal store of (re, im) lanes (see <see cref="StoreStreaming512{T}"/>: the caller aligned and pinned the array).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreamingComplex512(Vector512<double> value, Complex[] array, int index) =>
        Avx512F.StoreAlignedNonTemporal((double*)Unsafe.AsPointer(ref Parts(array, index)), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreamingComplex256(Vector256<double> value, Complex[] array, int index) =>
        Avx.StoreAlignedNonTemporal((double*)Unsafe.AsPointer(ref Parts(array, index)), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreStreamingComplex128(Vector128<double> value, Complex[] array, int index) =>
        Sse2.StoreAlignedNonTemporal((double*)Unsafe.AsPointer(ref Parts(array, index)), value);

    /// <summary>
    /// A non-temporal store of (re, im) lanes into an array whose numbers straddle vector boundaries (its data 8 bytes past
    /// a 16-byte boundary, as the large-object heap usually places arrays): the aligned vector that starts at the imaginary part
    /// of array[index − 1] — <paramref name="carried"/>'s last lane, then all but <paramref name="value"/>'s last. Returns
    /// <paramref name="value"/>, whose last lane the next store (or the caller's ordinary tail vector) writes. Not with
    /// 128-bit vectors (<see cref="StreamsHalfAlignedComplex"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<double> StoreStreamingHalfAlignedComplex512(Vector512<double> value, Complex[] array, int index, Vector512<double> carried)
    {
        Avx512F.StoreAlignedNonTemporal(PrecedingDouble(array, index), Avx512F.AlignRight64(value.AsUInt64(), carried.AsUInt64(), 7).AsDouble());
        return value;
    }

    /// <summary>
    /// <see cref="StoreStreamingHalfAlignedComplex512"/> with 256-bit vectors, two stores per cache line (AVX2's
    /// cross-lane permute): the vector rotated by one lane, its first lane then taken from the carried one — which is
    /// therefore the previous vector rotated, its last lane first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> StoreStreamingHalfAlignedComplex256(Vector256<double> value, Complex[] array, int index, Vector256<double> carried)
    {
        var rotated = Avx2.Permute4x64(value, 0b10_01_00_11);
        Avx.StoreAlignedNonTemporal(PrecedingDouble(array, index), Avx.Blend(rotated, carried, 0b0001));
        return rotated;
    }

    /// <summary>The first carried vector of <see cref="StoreStreamingHalfAlignedComplex512"/>: the imaginary part of array[index − 1] (already stored) in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<double> CarriedBeforeComplex512(Complex[] array, int index) => Vector512.Create(*PrecedingDouble(array, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> CarriedBeforeComplex256(Complex[] array, int index) => Vector256.Create(*PrecedingDouble(array, index));

    /// <summary>
    /// Whether complex128 results whose numbers straddle vector boundaries are streamed at this width: with whole cache
    /// lines per store (512 bits) or two (256 bits, with AVX2's permute); with 16-byte stores, a number each, `complex(a, b)`
    /// on 1e7 took 9.5 ms against 5.9 stored as usual.
    /// </summary>
    public static bool StreamsHalfAlignedComplex => Width is { Bytes: 64 } || (Width is { Bytes: 32 } && Avx2.IsSupported);

    /// <summary>The imaginary part of array[index − 1], as a pointer (the array is pinned: the caller streams into it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double* PrecedingDouble(Complex[] array, int index) => (double*)Unsafe.AsPointer(ref Unsafe.Subtract(ref Parts(array, index), 1));

    /// <summary>The real part of array[index], the first of the doubles the numbers from there are laid out as.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Parts(Complex[] array, int index) =>
        ref Unsafe.As<Complex, double>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index));
}
