using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SlowSeries.Arrays;
using SlowSeries.Execution;
using SlowSeries.Language.Operators;
using SlowSeries.Language.Semantics;
using SlowSeries.Vectorization;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace SlowSeries.Kernels;

/// <summary>
/// Chooses the implementation of each (operation, dtype): TensorPrimitives' vectorized kernels where their
/// semantics are the reference's, typed span loops where they are not, and null where only the scalar fallback
/// (complex numbers, byte strings) applies.
/// </summary>
internal static class StepLibrary
{
    public static KernelStep? TryCreate(Operation op, DType operandType, DType resultType, int[] inputs, int output)
    {
        if (op is Operation.Less or Operation.LessEqual or Operation.Equal or Operation.NotEqual or Operation.GreaterEqual or Operation.Greater)
        {
            return operandType switch
            {
                DType.Float64 => Comparison<double>(op, inputs, output),
                DType.Float32 => Comparison<float>(op, inputs, output),
                DType.Int32 => Comparison<int>(op, inputs, output),
                DType.Int64 => Comparison<long>(op, inputs, output),
                DType.Bool => Comparison<byte>(op, inputs, output, reinterpretBool: true),
                DType.Bytes => ByteStringComparisons.TryCreate(op, inputs, output),
                DType.Complex128 when op is Operation.Equal or Operation.NotEqual => new BinarySpanStep<Complex, Complex, bool>(
                    op.ToString(),
                    [MethodImpl(MethodImplOptions.AggressiveOptimization)] (a, b, d) =>
                    {
                        for (int i = 0; i < d.Length; i++)
                        {
                            d[i] = (a[i] == b[i]) == (op == Operation.Equal);
                        }
                    },
                    inputs[0],
                    inputs[1],
                    output),
                _ => null,
            };
        }

        if (op == Operation.Contains)
        {
            // Span.IndexOf is vectorized; an empty needle is found at 0, as in the reference.
            return new BinarySpanStep<byte[], byte[], bool>(
                op.ToString(),
                [MethodImpl(MethodImplOptions.AggressiveOptimization)] (haystacks, needles, found) =>
                {
                    for (int i = 0; i < found.Length; i++)
                    {
                        found[i] = haystacks[i].AsSpan().IndexOf(needles[i]) >= 0;
                    }
                },
                inputs[0],
                inputs[1],
                output);
        }

        if (op == Operation.Where)
        {
            return resultType switch
            {
                DType.Float64 => WhereStep<double>(inputs, output),
                DType.Float32 => WhereStep<float>(inputs, output),
                DType.Int32 => WhereStep<int>(inputs, output),
                DType.Int64 => WhereStep<long>(inputs, output),
                DType.Bool => WhereStep<bool>(inputs, output),
                DType.Complex128 => WhereStep<Complex>(inputs, output),
                _ => null,
            };
        }

        if (op == Operation.Complex && operandType == DType.Float64)
        {
            return new BinarySpanStep<double, double, Complex>(ComplexFromParts.StepName, ComplexFromParts.Interleave, inputs[0], inputs[1], output);
        }

        return operandType switch
        {
            DType.Float64 => Floating<double>(op, inputs, output),
            DType.Float32 => Floating<float>(op, inputs, output),
            DType.Int32 => Integer<int>(op, inputs, output, 32),
            DType.Int64 => Integer<long>(op, inputs, output, 64),
            DType.Bool => Boolean(op, inputs, output),
            DType.Complex128 => ComplexNumbers(op, resultType, inputs, output),
            _ => null,
        };
    }

    /// <summary>
    /// complex128 operations as typed span loops over <see cref="Complex"/>, each element by the reference's own function
    /// (<see cref="ScalarSemantics.ComplexValue"/>): the same results as the element-by-element fallback without a
    /// boxed <see cref="Scalar"/> per operand and element.
    /// </summary>
    private static KernelStep? ComplexNumbers(Operation op, DType resultType, int[] inputs, int output)
    {
        if (op is Operation.Real or Operation.Imag && resultType == DType.Float64)
        {
            // Every other double of the pairs, by whole vectors (a scalar loop here was 2x NumExpr's `z.real * w.imag`).
            int part = op == Operation.Real ? 0 : 1;
            return new UnarySpanStep<Complex, double>(op.ToString().ToLowerInvariant(), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (x, d) =>
            {
                var parts = MemoryMarshal.Cast<Complex, double>(x);
                for (int i = StridedGather.EveryOther(parts, part, d); i < d.Length; i++)
                {
                    d[i] = parts[part + (2 * i)];
                }
            }, inputs[0], output);
        }

        if (op == Operation.Conj && resultType == DType.Complex128)
        {
            return new UnarySpanStep<Complex, Complex>("conj", [MethodImpl(MethodImplOptions.AggressiveOptimization)] (x, d) =>
            {
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] = Complex.Conjugate(x[i]);
                }
            }, inputs[0], output);
        }

        if (resultType != DType.Complex128 || !ScalarSemantics.HasComplexValue(op))
        {
            return null;
        }

        if (op == Operation.Abs)
        {
            return new UnarySpanStep<Complex, Complex>("abs", ComplexMagnitude.Abs, inputs[0], output);
        }

        if (op == Operation.Exp)
        {
            return new UnarySpanStep<Complex, Complex>("exp", ComplexExponential.Exp, inputs[0], output);
        }

        if (op == Operation.Sqrt)
        {
            return new UnarySpanStep<Complex, Complex>("sqrt", ComplexSquareRoot.Sqrt, inputs[0], output);
        }

        if (op == Operation.Log)
        {
            return new UnarySpanStep<Complex, Complex>("log", ComplexLogarithm.Log, inputs[0], output);
        }

        if (op == Operation.Power)
        {
            return new BinarySpanStep<Complex, Complex, Complex>("power", ComplexPower.Power, inputs[0], inputs[1], output);
        }

        UnarySpan<Complex, Complex>? function = op switch
        {
            Operation.Sin => ComplexTrigonometry.Sin,
            Operation.Cos => ComplexTrigonometry.Cos,
            Operation.Tan => ComplexTrigonometry.Tan,
            Operation.Sinh => ComplexHyperbolic.Sinh,
            Operation.Cosh => ComplexHyperbolic.Cosh,
            Operation.Tanh => ComplexHyperbolic.Tanh,
            Operation.Log10 => ComplexLogarithmVariants.Log10,
            Operation.Log1p => ComplexLogarithmVariants.Log1p,
            Operation.Expm1 => ComplexExponentialMinusOne.Expm1,
            Operation.ArcSin => ComplexInverseFunctions.Arcsin,
            Operation.ArcCos => ComplexInverseFunctions.Arccos,
            Operation.ArcTan => ComplexInverseFunctions.Arctan,
            Operation.ArcSinh => ComplexInverseFunctions.Arcsinh,
            Operation.ArcCosh => ComplexInverseFunctions.Arccosh,
            Operation.ArcTanh => ComplexInverseFunctions.Arctanh,
            _ => null,
        };
        if (function is not null)
        {
            return new UnarySpanStep<Complex, Complex>(op.ToString().ToLowerInvariant(), function, inputs[0], output);
        }

        // The commonest operations on whole vectors, with Complex's operators' bits.
        BinarySpan<Complex, Complex, Complex>? arithmetic = op switch
        {
            Operation.Add => ComplexArithmetic.Add,
            Operation.Subtract => ComplexArithmetic.Subtract,
            Operation.Multiply => ComplexArithmetic.Multiply,
            Operation.TrueDivide => ComplexDivision.Divide,
            _ => null,
        };
        if (arithmetic is not null)
        {
            return new BinarySpanStep<Complex, Complex, Complex>(op.ToString(), arithmetic, inputs[0], inputs[1], output);
        }

        return inputs.Length switch
        {
            1 => new UnarySpanStep<Complex, Complex>(op.ToString(), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (x, d) =>
            {
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] = ScalarSemantics.ComplexValue(op, x[i], Complex.Zero);
                }
            }, inputs[0], output),
            2 => new BinarySpanStep<Complex, Complex, Complex>(op.ToString(), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (a, b, d) =>
            {
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] = ScalarSemantics.ComplexValue(op, a[i], b[i]);
                }
            }, inputs[0], inputs[1], output),
            _ => null,
        };
    }

    public static KernelStep? TryCreateCast(DType from, DType to, int input, int output) => (from, to) switch
    {
        (DType.Int32, DType.Int64) => Convert<int, long>(input, output),
        (DType.Int32, DType.Float32) => Convert<int, float>(input, output),
        (DType.Int32, DType.Float64) => Convert<int, double>(input, output),
        (DType.Int64, DType.Int32) => Convert<long, int>(input, output),
        (DType.Int64, DType.Float32) => Convert<long, float>(input, output),
        (DType.Int64, DType.Float64) => Convert<long, double>(input, output),
        (DType.Float32, DType.Float64) => Convert<float, double>(input, output),
        (DType.Float64, DType.Float32) => Convert<double, float>(input, output),
        (DType.Float64, DType.Int64) => new UnarySpanStep<double, long>("to int64", TypedLoops.ToInteger<double, long>, input, output),
        (DType.Float64, DType.Int32) => new UnarySpanStep<double, int>("to int32", TypedLoops.ToInteger<double, int>, input, output),
        (DType.Float32, DType.Int64) => new UnarySpanStep<float, long>("to int64", TypedLoops.ToInteger<float, long>, input, output),
        (DType.Float32, DType.Int32) => new UnarySpanStep<float, int>("to int32", TypedLoops.ToInteger<float, int>, input, output),
        (DType.Bool, DType.Int32) => new UnarySpanStep<bool, int>("to int32", TypedLoops.FromBool, input, output),
        (DType.Bool, DType.Int64) => new UnarySpanStep<bool, long>("to int64", TypedLoops.FromBool, input, output),
        (DType.Bool, DType.Float32) => new UnarySpanStep<bool, float>("to float32", TypedLoops.FromBool, input, output),
        (DType.Bool, DType.Float64) => new UnarySpanStep<bool, double>("to float64", TypedLoops.FromBool, input, output),
        (DType.Int32, DType.Bool) => new UnarySpanStep<int, bool>("to bool", TypedLoops.NonZero, input, output),
        (DType.Int64, DType.Bool) => new UnarySpanStep<long, bool>("to bool", TypedLoops.NonZero, input, output),
        (DType.Float32, DType.Bool) => new UnarySpanStep<float, bool>("to bool", TypedLoops.NonZero, input, output),
        (DType.Float64, DType.Bool) => new UnarySpanStep<double, bool>("to bool", TypedLoops.NonZero, input, output),
        (DType.Float64, DType.Complex128) => ToComplex<double>(input, output),
        (DType.Float32, DType.Complex128) => ToComplex<float>(input, output),
        (DType.Int64, DType.Complex128) => ToComplex<long>(input, output),
        (DType.Int32, DType.Complex128) => ToComplex<int>(input, output),
        _ => null,
    };

    public static KernelStep Copy(DType type, int input, int output) => type switch
    {
        DType.Bool => new CopyStep<bool>(input, output),
        DType.Int32 => new CopyStep<int>(input, output),
        DType.Int64 => new CopyStep<long>(input, output),
        DType.Float32 => new CopyStep<float>(input, output),
        DType.Float64 => new CopyStep<double>(input, output),
        DType.Complex128 => new CopyStep<Complex>(input, output),
        _ => new CopyStep<byte[]>(input, output),
    };

    public static KernelStep? SinCos(DType type, int input, int sine, int cosine) => type switch
    {
        DType.Float64 => new SinCosStep<double>(input, sine, cosine),
        DType.Float32 => new SinCosStep<float>(input, sine, cosine),
        _ => null,
    };

    /// <summary>NumExpr's integer reciprocal for negative constant powers of integers.</summary>
    public static KernelStep? IntegerReciprocal(DType type, int input, int output) => type switch
    {
        DType.Int32 => new UnarySpanStep<int, int>("reciprocal", TypedLoops.IntegerReciprocal, input, output),
        DType.Int64 => new UnarySpanStep<long, long>("reciprocal", TypedLoops.IntegerReciprocal, input, output),
        _ => null,
    };

    /// <summary>A real value as the complex number with that real part (exact: every int32, int64 and float fits in a double but int64 beyond 2^53, rounded as the reference rounds it).</summary>
    private static KernelStep ToComplex<T>(int input, int output)
        where T : INumberBase<T> =>
        new UnarySpanStep<T, Complex>("to complex128", [MethodImpl(MethodImplOptions.AggressiveOptimization)] (x, d) =>
        {
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = new Complex(double.CreateTruncating(x[i]), 0);
            }
        }, input, output);

    private static KernelStep Convert<TFrom, TTo>(int input, int output)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo> => (typeof(TFrom), typeof(TTo)) switch
        {
            // float32 ↔ float64, the commonest casts, by our own loops (TensorPrimitives' start at tier 0).
            var (from, to) when from == typeof(float) && to == typeof(double) => new UnarySpanStep<TFrom, TTo>("to Double", (UnarySpan<TFrom, TTo>)(object)(UnarySpan<float, double>)FloatConversions.Widen, input, output),
            var (from, to) when from == typeof(double) && to == typeof(float) => new UnarySpanStep<TFrom, TTo>("to Single", (UnarySpan<TFrom, TTo>)(object)(UnarySpan<double, float>)FloatConversions.Narrow, input, output),
            _ => new UnarySpanStep<TFrom, TTo>($"to {typeof(TTo).Name}", TP.ConvertTruncating, input, output),
        };

    private static KernelStep Comparison<T>(Operation op, int[] inputs, int output, bool reinterpretBool = false)
        where T : INumber<T>
    {
        if (reinterpretBool)
        {
            return new BinarySpanStep<bool, bool, bool>(
                op.ToString(),
                (a, b, d) => TypedLoops.Compare(op, MemoryMarshal.Cast<bool, byte>(a), MemoryMarshal.Cast<bool, byte>(b), d),
                inputs[0],
                inputs[1],
                output);
        }

        return new BinarySpanStep<T, T, bool>(op.ToString(), (a, b, d) => TypedLoops.Compare(op, a, b, d), inputs[0], inputs[1], output);
    }

    private static KernelStep WhereStep<T>(int[] inputs, int output) =>
        new TernarySpanStep<bool, T, T, T>("where", WhereLoops.Where, inputs[0], inputs[1], inputs[2], output);

    private static KernelStep? Floating<T>(Operation op, int[] inputs, int output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        UnarySpan<T, T>? unary = op switch
        {
            Operation.Negate => TP.Negate,
            Operation.Abs => TP.Abs,
            // float64 sin/cos: our reduction and fdlibm polynomials, ~3x faster than .NET's at the same accuracy.
            Operation.Sin => typeof(T) == typeof(double) ? (UnarySpan<T, T>)(object)(UnarySpan<double, double>)VectorMath.Sin : (UnarySpan<T, T>)(object)(UnarySpan<float, float>)SinglePrecisionSinCos.Sin,
            Operation.Cos => typeof(T) == typeof(double) ? (UnarySpan<T, T>)(object)(UnarySpan<double, double>)VectorMath.Cos : (UnarySpan<T, T>)(object)(UnarySpan<float, float>)SinglePrecisionSinCos.Cos,
            // Our sin/cos quotient: TensorPrimitives' tan is 10^5 ulps off at 128 bits without FMA (VectorMath.Tan).
            Operation.Tan => Widened<T>(VectorMath.Tan, VectorMath.TanForSingle),
            // Our vector arcsin and arccos (fdlibm's; TensorPrimitives' are element by element).
            Operation.ArcSin => Widened<T>(VectorMath.Asin, VectorMath.AsinForSingle),
            Operation.ArcCos => Widened<T>(VectorMath.Acos, VectorMath.AcosForSingle),
            Operation.ArcTan => Widened<T>(VectorMath.Atan, VectorMath.AtanForSingle),
            // Ours from here on: .NET's are element by element (sinh, cosh, the inverse hyperbolics), or lose digits
            // near 0 (log1p as log(x + 1), expm1 as exp(x) − 1), or are not exact at powers of ten (log10).
            Operation.Sinh => Widened<T>(VectorMath.Sinh, VectorMath.SinhForSingle),
            Operation.Cosh => Widened<T>(VectorMath.Cosh, VectorMath.CoshForSingle),
            // Our vector tanh (TensorPrimitives' is element by element, and returns 6e-8 instead of 0 for float32 zeros).
            Operation.Tanh => Widened<T>(VectorMath.Tanh, VectorMath.TanhForSingle),
            Operation.ArcSinh => Widened<T>(VectorMath.Asinh, VectorMath.AsinhForSingle),
            Operation.ArcCosh => Widened<T>(VectorMath.Acosh, VectorMath.AcoshForSingle),
            Operation.ArcTanh => Widened<T>(VectorMath.Atanh, VectorMath.AtanhForSingle),
            // Ours (TensorPrimitives.Exp<float>(0) is 1.0000001); float32 in float32 lanes, within an ulp of the reference.
            Operation.Exp => Ours<T>(VectorMath.Exp, VectorMath.Exp),
            Operation.Log => Ours<T>(VectorMath.Log, VectorMath.Log),
            Operation.Log2 => Ours<T>(VectorMath.Log2, VectorMath.Log2),
            Operation.Log10 => Widened<T>(VectorMath.Log10, VectorMath.Log10ForSingle),
            Operation.Sqrt => TP.Sqrt,
            Operation.Ceil => TP.Ceiling,
            Operation.Floor => TP.Floor,
            Operation.Trunc => TP.Truncate,
            Operation.Round => TP.Round,
            Operation.Copy => (x, d) => x.CopyTo(d),
            Operation.OnesLike => (_, d) => d.Fill(T.One),
            // A real value's parts, as NumPy's np.real and np.imag give them (NumExpr's `(a - 10).real`).
            Operation.Real => (x, d) => x.CopyTo(d),
            Operation.Imag => (_, d) => d.Clear(),
            Operation.Sign => TypedLoops.Sign,
            Operation.Log1p => Ours<T>(VectorMath.Log1p, VectorMath.Log1p),
            Operation.Expm1 => Ours<T>(VectorMath.Expm1, VectorMath.Expm1),
            _ => null,
        };
        if (unary is not null)
        {
            return InexactTensorPrimitive(op)
                ? new AlignedUnaryStep<T>(op.ToString(), unary, inputs[0], output)
                : new UnarySpanStep<T, T>(op.ToString(), unary, inputs[0], output);
        }

        UnarySpan<T, bool>? predicate = op switch
        {
            Operation.IsNaN => (x, d) => TypedLoops.Predicate(double.IsNaN, x, d),
            Operation.IsFinite => (x, d) => TypedLoops.Predicate(double.IsFinite, x, d),
            Operation.IsInf => (x, d) => TypedLoops.Predicate(double.IsInfinity, x, d),
            Operation.SignBit => (x, d) => TypedLoops.Predicate(RealMath.SignBit, x, d),
            _ => null,
        };
        if (predicate is not null)
        {
            return new UnarySpanStep<T, bool>(op.ToString(), predicate, inputs[0], output);
        }

        BinarySpan<T, T, T>? binary = op switch
        {
            Operation.Add => SpanArithmetic.Add,
            Operation.Subtract => SpanArithmetic.Subtract,
            Operation.Multiply => SpanArithmetic.Multiply,
            Operation.TrueDivide => SpanArithmetic.Divide,
            // Our vector pow (fdlibm's method; float32 with float32-sized kernels, VectorMath.PowForSingle) where it pays,
            // else C's pow per element (see VectorMath.PowIsVectorized): a plain span step then, which the fused loop does
            // not take. (float32's at 128 bits and without SIMD ran slower than C's: `f**g` 22 → 36 and 80 ms, 1e7, 2 threads.)
            Operation.Power when VectorMath.PowIsVectorized => Widened<T>(VectorMath.Pow, VectorMath.PowForSingle),
            Operation.Power => null,
            // Our vector arctan2 (fdlibm's arctan, C99's special values).
            Operation.ArcTan2 => Widened<T>(VectorMath.Atan2, VectorMath.Atan2ForSingle),
            Operation.Hypot => Widened<T>(VectorMath.Hypot, VectorMath.HypotForSingle),
            Operation.CopySign => TP.CopySign,
            Operation.Maximum => TP.Max,
            Operation.Minimum => TP.Min,
            Operation.Fmod when FloatDivisionLoops.Pays => Widened<T>(FloatDivisionLoops.Fmod, FloatDivisionLoops.Fmod),
            Operation.Fmod => (x, y, d) => TypedLoops.Map2(RealMath.CRemainder, x, y, d),
            Operation.FloorDivide when FloatDivisionLoops.Pays => Widened<T>(FloatDivisionLoops.FloorDivide, FloatDivisionLoops.FloorDivide),
            Operation.Remainder when FloatDivisionLoops.Pays => Widened<T>(FloatDivisionLoops.Remainder, FloatDivisionLoops.Remainder),
            Operation.FloorDivide => TypedLoops.FloorDivide,
            Operation.Remainder => TypedLoops.Remainder,
            Operation.NextAfter => (x, y, d) => TypedLoops.Map2(RealMath.NextAfter, x, y, d),
            _ => null,
        };
        if (op == Operation.Power && binary is null)
        {
            return new BinarySpanStep<T, T, T>(op.ToString(), TP.Pow, inputs[0], inputs[1], output);
        }

        if (binary is null)
        {
            return null;
        }

        return InexactTensorPrimitive(op)
            ? new AlignedBinaryStep<T>(op.ToString(), binary, inputs[0], inputs[1], output)
            : new BinarySpanStep<T, T, T>(op.ToString(), binary, inputs[0], inputs[1], output);
    }

    /// <summary>
    /// One of our float64 vector functions (<see cref="VectorMath"/>), and its float32 form: float32 values widened to
    /// float64, computed to float32's accuracy (<see cref="VectorMath.TanForSingle{W, TDouble, TLong}"/>, …) and rounded back.
    /// </summary>
    private static UnarySpan<T, T> Widened<T>(UnarySpan<double, double> function, UnarySpan<double, double> forSingle)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (UnarySpan<T, T>)(object)function : (x, d) => TypedLoops.MapThroughDouble(forSingle, x, d);

    /// <summary>One of our float64 vector functions, and its float32 form computed in float32 lanes.</summary>
    private static UnarySpan<T, T> Ours<T>(UnarySpan<double, double> function, UnarySpan<float, float> single)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (UnarySpan<T, T>)(object)function : (UnarySpan<T, T>)(object)single;

    /// <summary>The two-operand form of <see cref="Widened{T}(UnarySpan{double, double}, UnarySpan{double, double})"/>.</summary>
    private static BinarySpan<T, T, T> Widened<T>(BinarySpan<double, double, double> function, BinarySpan<double, double, double> forSingle)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (BinarySpan<T, T, T>)(object)function : (x, y, d) => TypedLoops.Map2ThroughDouble(forSingle, x, y, d);

    /// <summary>
    /// The functions that are not exactly rounded (ours and TensorPrimitives'): their steps are aligned, so that a
    /// result never depends on where a block starts, and the fused loop recognises them by these step types.
    /// </summary>
    private static bool InexactTensorPrimitive(Operation op) => op is Operation.Sin or Operation.Cos or Operation.Tan
        or Operation.ArcSin or Operation.ArcCos or Operation.ArcTan or Operation.ArcSinh or Operation.ArcCosh or Operation.ArcTanh
        or Operation.Exp or Operation.Log or Operation.Log2 or Operation.Log10 or Operation.Power or Operation.ArcTan2 or Operation.Hypot
        or Operation.Tanh or Operation.Sinh or Operation.Cosh or Operation.Log1p or Operation.Expm1;

    private static KernelStep? Integer<T>(Operation op, int[] inputs, int output, int bits)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
    {
        UnarySpan<T, T>? unary = op switch
        {
            Operation.Negate => TP.Negate,
            Operation.Invert => TP.OnesComplement,
            _ => null,
        };
        if (unary is not null)
        {
            return new UnarySpanStep<T, T>(op.ToString(), unary, inputs[0], output);
        }

        BinarySpan<T, T, T>? binary = op switch
        {
            Operation.Add => SpanArithmetic.Add,
            Operation.Subtract => SpanArithmetic.Subtract,
            Operation.Multiply => SpanArithmetic.Multiply,
            Operation.And => TP.BitwiseAnd,
            Operation.Or => TP.BitwiseOr,
            Operation.Xor => TP.Xor,
            Operation.Maximum => TP.Max,
            Operation.Minimum => TP.Min,
            Operation.FloorDivide when bits == 64 && IntegerDivisionLoops.Pays => (BinarySpan<T, T, T>)(object)(BinarySpan<long, long, long>)IntegerDivisionLoops.FloorDivide,
            Operation.Remainder when bits == 64 && IntegerDivisionLoops.Pays => (BinarySpan<T, T, T>)(object)(BinarySpan<long, long, long>)IntegerDivisionLoops.Remainder,
            Operation.FloorDivide when bits == 32 => (BinarySpan<T, T, T>)(object)(BinarySpan<int, int, int>)IntegerDivisionLoops.FloorDivide,
            Operation.Remainder when bits == 32 => (BinarySpan<T, T, T>)(object)(BinarySpan<int, int, int>)IntegerDivisionLoops.Remainder,
            Operation.FloorDivide => (x, y, d) => TypedLoops.Integer(IntegerMath.FloorDivide, x, y, d),
            Operation.Remainder => (x, y, d) => TypedLoops.Integer(IntegerMath.Remainder, x, y, d),
            Operation.LeftShift => (x, y, d) => TypedLoops.Integer((a, b) => IntegerMath.LeftShift(a, b, bits), x, y, d),
            Operation.RightShift => (x, y, d) => TypedLoops.Integer((a, b) => IntegerMath.RightShift(a, b, bits), x, y, d),
            Operation.Power when bits == 64 => (BinarySpan<T, T, T>)(object)(BinarySpan<long, long, long>)IntegerPowerLoops.Power,
            Operation.Power => (BinarySpan<T, T, T>)(object)(BinarySpan<int, int, int>)IntegerPowerLoops.Power,
            _ => null,
        };
        return binary is null ? null : new BinarySpanStep<T, T, T>(op.ToString(), binary, inputs[0], inputs[1], output, canFail: op == Operation.Power);
    }

    private static KernelStep? Boolean(Operation op, int[] inputs, int output)
    {
        UnarySpan<byte, byte>? unary = op switch
        {
            Operation.Invert => (x, d) => TP.Xor(x, (byte)1, d),
            Operation.Copy => (x, d) => x.CopyTo(d),
            Operation.OnesLike => (_, d) => d.Fill(1),
            _ => null,
        };
        if (unary is not null)
        {
            return new UnarySpanStep<bool, bool>(op.ToString(), (x, d) => unary(MemoryMarshal.Cast<bool, byte>(x), MemoryMarshal.Cast<bool, byte>(d)), inputs[0], output);
        }

        BinarySpan<byte, byte, byte>? binary = op switch
        {
            Operation.And => TP.BitwiseAnd,
            Operation.Or => TP.BitwiseOr,
            Operation.Xor => TP.Xor,
            Operation.Maximum => TP.Max,
            Operation.Minimum => TP.Min,
            _ => null,
        };
        return binary is null
            ? null
            : new BinarySpanStep<bool, bool, bool>(
                op.ToString(),
                (x, y, d) => binary(MemoryMarshal.Cast<bool, byte>(x), MemoryMarshal.Cast<bool, byte>(y), MemoryMarshal.Cast<bool, byte>(d)),
                inputs[0],
                inputs[1],
                output);
    }
}
