using System.Numerics;
using SlowSeries.Arrays;
using SlowSeries.Language.Operators;

namespace SlowSeries.Language.Semantics;

/// <summary>
/// What every operation computes on one element: NumPy's values in the dtype the type rules chose. This is the
/// definition the reference evaluator and constant folding use and the fast back-ends are tested against.
/// Operands arrive already cast to the operand dtypes of <see cref="TypeRules"/>.
/// </summary>
internal static class ScalarSemantics
{
    public static Scalar Apply(Operation op, DType result, ReadOnlySpan<Scalar> operands)
    {
        Scalar a = operands[0];
        switch (op)
        {
            case Operation.Where:
                return operands[0].Boolean ? operands[1] : operands[2];
            case Operation.Contains:
                return Scalar.FromBool(Contains(a.Bytes, operands[1].Bytes));
            case Operation.Real:
                return Scalar.FromFloat64(a.Type == DType.Complex128 ? a.Complex.Real : a.Real);
            case Operation.Imag:
                return Scalar.FromFloat64(a.Type == DType.Complex128 ? a.Complex.Imaginary : 0.0);
            case Operation.Complex:
                return Scalar.FromComplex(new Complex(a.Real, operands[1].Real));
            case Operation.Conj:
                return a.Type == DType.Complex128 ? Scalar.FromComplex(Complex.Conjugate(a.Complex)) : a;
            case Operation.OnesLike:
                return Scalar.FromInt32(1).CastTo(result);
            case Operation.Copy:
                return a;
            case Operation.PowerByConstant:
                return PowerByConstant(a, operands[1], result);
            case Operation.IsNaN:
                return Scalar.FromBool(a.Type == DType.Complex128 ? double.IsNaN(a.Complex.Real) || double.IsNaN(a.Complex.Imaginary) : double.IsNaN(a.Real));
            case Operation.IsInf:
                return Scalar.FromBool(a.Type == DType.Complex128 ? double.IsInfinity(a.Complex.Real) || double.IsInfinity(a.Complex.Imaginary) : double.IsInfinity(a.Real));
            case Operation.IsFinite:
                return Scalar.FromBool(a.Type == DType.Complex128 ? IsFinite(a.Complex.Real) && IsFinite(a.Complex.Imaginary) : IsFinite(a.Real));
            case Operation.SignBit:
                return Scalar.FromBool(RealMath.SignBit(a.Real));
        }

        if (OperatorTable.Get(op).TypeRule == TypeRule.Comparison)
        {
            return Scalar.FromBool(Compare(op, a, operands[1]));
        }

        // A unary operation's missing operand reads as 0, false and 0 + 0i (default Scalar).
        return Arithmetic(op, a, operands.Length > 1 ? operands[1] : default);
    }

    /// <summary>An arithmetic or logical operation on one or two operands of a's dtype.</summary>
    /// <remarks>
    /// Fully optimised at once, with the per-dtype functions it calls: reductions fold every block's partial through
    /// here (<see cref="Accumulate"/>), and tier-0 code there kept `sum(a)` on 1e7 at 3.2-5.1 ms for its first ~100
    /// evaluations in a process, against 1.9-2.1 compiled optimised.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(MethodOptions.AggressiveOptimization)]
    private static Scalar Arithmetic(Operation op, Scalar a, Scalar b) => a.Type switch
    {
        DType.Bool => Scalar.FromBool(Logical(op, a.Boolean, b.Boolean)),
        DType.Int32 => Scalar.FromInt32(unchecked((int)Integer(op, a.Integer, b.Integer, 32))),
        DType.Int64 => Scalar.FromInt64(Integer(op, a.Integer, b.Integer, 64)),
        DType.Float32 => Scalar.FromFloat32(Float32(op, (float)a.Real, (float)b.Real)),
        DType.Float64 => Scalar.FromFloat64(Float64(op, a.Real, b.Real)),
        DType.Complex128 => Scalar.FromComplex(ComplexValue(op, a.Complex, b.Complex)),
        _ => throw Unsupported(op, a.Type),
    };

    /// <summary>The identity a reduction starts from.</summary>
    public static Scalar ReductionIdentity(Operation op, DType type) => op switch
    {
        Operation.Sum => Scalar.FromInt32(0).CastTo(type),
        Operation.Prod => Scalar.FromInt32(1).CastTo(type),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "min and max have no identity; start from the first element"),
    };

    /// <summary>
    /// Partial reductions folded in order into one, from the identity for sum and prod (null: min or max of none). The one
    /// fold every chunked reduction ends with, in one process or across a cluster, so both give the same bits.
    /// </summary>
    public static Scalar? Fold(Operation op, DType type, IEnumerable<Scalar> partials)
    {
        Scalar? total = op is Operation.Sum or Operation.Prod ? ReductionIdentity(op, type) : null;
        foreach (var partial in partials)
        {
            total = total is { } t ? Accumulate(op, t, partial) : partial;
        }

        return total;
    }

    /// <summary>One reduction step: the accumulator combined with the next element.</summary>
    [System.Runtime.CompilerServices.MethodImpl(MethodOptions.AggressiveOptimization)]
    public static Scalar Accumulate(Operation op, Scalar accumulator, Scalar element)
    {
        Operation step = op switch
        {
            Operation.Sum => Operation.Add,
            Operation.Prod => Operation.Multiply,
            Operation.Min => Operation.Minimum,
            Operation.Max => Operation.Maximum,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a reduction"),
        };
        return Arithmetic(step, accumulator, element);
    }

    private static bool IsFinite(double x) => !double.IsNaN(x) && !double.IsInfinity(x);

    private static Exception Unsupported(Operation op, DType type) =>
        new InvalidOperationException($"{op} has no semantics for {type.Name()}; the type rules should have rejected it");

    private static bool Compare(Operation op, Scalar a, Scalar b)
    {
        int order;
        switch (a.Type)
        {
            case DType.Bytes:
                order = CompareBytes(a.Bytes, b.Bytes);
                break;
            case DType.Bool or DType.Int32 or DType.Int64:
                order = a.Integer.CompareTo(b.Integer);
                break;
            case DType.Complex128:
                bool equal = a.Complex == b.Complex;
                return op == Operation.Equal ? equal : !equal;
            default:
                double x = a.Real, y = b.Real;
                return op switch
                {
                    Operation.Less => x < y,
                    Operation.LessEqual => x <= y,
                    Operation.Equal => x == y,
                    Operation.NotEqual => x != y,
                    Operation.GreaterEqual => x >= y,
                    Operation.Greater => x > y,
                    _ => throw Unsupported(op, a.Type),
                };
        }

        return op switch
        {
            Operation.Less => order < 0,
            Operation.LessEqual => order <= 0,
            Operation.Equal => order == 0,
            Operation.NotEqual => order != 0,
            Operation.GreaterEqual => order >= 0,
            Operation.Greater => order > 0,
            _ => throw Unsupported(op, a.Type),
        };
    }

    private static int CompareBytes(byte[] a, byte[] b)
    {
        int common = Math.Min(a.Length, b.Length);
        for (int i = 0; i < common; i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int start = 0; start + needle.Length <= haystack.Length; start++)
        {
            int i = 0;
            while (i < needle.Length && haystack[start + i] == needle[i])
            {
                i++;
            }

            if (i == needle.Length)
            {
                return true;
            }
        }

        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(MethodOptions.AggressiveOptimization)]
    private static bool Logical(Operation op, bool a, bool b) => op switch
    {
        Operation.And => a && b,
        Operation.Or => a || b,
        Operation.Xor => a ^ b,
        Operation.Invert => !a,
        Operation.Maximum => a || b,
        Operation.Minimum => a && b,
        _ => throw Unsupported(op, DType.Bool),
    };

    /// <summary>Integer arithmetic in <paramref name="bits"/>-bit two's complement, wrapping like NumPy.</summary>
    [System.Runtime.CompilerServices.MethodImpl(MethodOptions.AggressiveOptimization)]
    private static long Integer(Operation op, long a, long b, int bits)
    {
        unchecked
        {
            switch (op)
            {
                case Operation.Add: return a + b;
                case Operation.Subtract: return a - b;
                case Operation.Multiply: return a * b;
                case Operation.Negate: return -a;
                case Operation.Abs: return a < 0 ? -a : a;
                case Operation.And: return a & b;
                case Operation.Or: return a | b;
                case Operation.Xor: return a ^ b;
                case Operation.Invert: return ~a;
                case Operation.Maximum: return Math.Max(a, b);
                case Operation.Minimum: return Math.Min(a, b);
                case Operation.LeftShift: return IntegerMath.LeftShift(a, b, bits);
                case Operation.RightShift: return IntegerMath.RightShift(a, b, bits);
                case Operation.FloorDivide: return IntegerMath.FloorDivide(a, b);
                case Operation.Remainder: return IntegerMath.Remainder(a, b);
                case Operation.Power: return IntegerMath.Power(a, b);
                default:
                    throw Unsupported(op, bits == 32 ? DType.Int32 : DType.Int64);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(MethodOptions.AggressiveOptimization)]
    private static double Float64(Operation op, double a, double b) => op switch
    {
        Operation.Add => a + b,
        Operation.Subtract => a - b,
        Operation.Multiply => a * b,
        Operation.TrueDivide => a / b,
        Operation.FloorDivide => RealMath.DivMod(a, b).Quotient,
        Operation.Remainder => RealMath.DivMod(a, b).Remainder,
        Operation.Power => Math.Pow(a, b),
        Operation.Negate => -a,
        Operation.Sin => Math.Sin(a),
        Operation.Cos => Math.Cos(a),
        Operation.Tan => Math.Tan(a),
        Operation.ArcSin => Math.Asin(a),
        Operation.ArcCos => Math.Acos(a),
        Operation.ArcTan => Math.Atan(a),
        Operation.ArcTan2 => Math.Atan2(a, b),
        Operation.Sinh => Math.Sinh(a),
        Operation.Cosh => Math.Cosh(a),
        Operation.Tanh => Math.Tanh(a),
        Operation.ArcSinh => RealMath.Asinh(a),
        Operation.ArcCosh => RealMath.Acosh(a),
        Operation.ArcTanh => RealMath.Atanh(a),
        Operation.Log => Math.Log(a),
        Operation.Log2 => RealMath.Log2(a),
        Operation.Log10 => Math.Log10(a),
        Operation.Log1p => RealMath.Log1p(a),
        Operation.Exp => Math.Exp(a),
        Operation.Expm1 => RealMath.Expm1(a),
        Operation.Sqrt => Math.Sqrt(a),
        Operation.Abs => Math.Abs(a),
        Operation.Fmod => RealMath.CRemainder(a, b),
        Operation.Ceil => Math.Ceiling(a),
        Operation.Floor => Math.Floor(a),
        Operation.Trunc => Math.Truncate(a),
        Operation.Round => Math.Round(a, MidpointRounding.ToEven),
        Operation.Sign => double.IsNaN(a) ? a : a > 0 ? 1.0 : a < 0 ? -1.0 : 0.0,
        Operation.CopySign => RealMath.CopySign(a, b),
        Operation.NextAfter => RealMath.NextAfter(a, b),
        Operation.Hypot => RealMath.Hypot(a, b),
        Operation.Maximum => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b),
        Operation.Minimum => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Min(a, b),
        _ => throw Unsupported(op, DType.Float64),
    };

    /// <summary>
    /// float32 arithmetic is done in float (as NumPy does); functions are computed in double and rounded once, which is
    /// at least as accurate as NumPy's float32 loops.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(MethodOptions.AggressiveOptimization)]
    private static float Float32(Operation op, float a, float b) => op switch
    {
        Operation.Add => a + b,
        Operation.Subtract => a - b,
        Operation.Multiply => a * b,
        Operation.TrueDivide => a / b,
        Operation.Negate => -a,
        Operation.Abs => Math.Abs(a),
        Operation.NextAfter => RealMath.NextAfter(a, b),
        Operation.Maximum => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Max(a, b),
        Operation.Minimum => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Min(a, b),
        _ => (float)Float64(op, a, b),
    };

    /// <summary>The complex128 operations with a complex128 result (the kernels' complex steps call this, element by element).</summary>
    public static bool HasComplexValue(Operation op) => op is Operation.Add or Operation.Subtract or Operation.Multiply or Operation.TrueDivide
        or Operation.Power or Operation.Negate or Operation.Sin or Operation.Cos or Operation.Tan or Operation.ArcSin or Operation.ArcCos
        or Operation.ArcTan or Operation.Sinh or Operation.Cosh or Operation.Tanh or Operation.ArcSinh or Operation.ArcCosh or Operation.ArcTanh
        or Operation.Log or Operation.Log10 or Operation.Log1p or Operation.Exp or Operation.Expm1 or Operation.Sqrt or Operation.Abs;

    /// <summary>One complex128 operation (<paramref name="b"/> unused by one-operand ones), as NumPy computes it.</summary>
    public static Complex ComplexValue(Operation op, Complex a, Complex b) => op switch
    {
        Operation.Add => a + b,
        Operation.Subtract => a - b,
        Operation.Multiply => a * b,
        Operation.TrueDivide => ComplexDivide(a, b),
        Operation.Power => ComplexPower(a, b),
        Operation.Negate => -a,
        Operation.Sin => ComplexSin(a),
        Operation.Cos => ComplexCos(a),
        Operation.Tan => ComplexTan(a),
        Operation.ArcSin => ComplexArcFunctions.Arcsin(a),
        Operation.ArcCos => ComplexArcFunctions.Arccos(a),
        Operation.ArcTan => ComplexArcFunctions.Arctan(a),
        // −i·sin(iz) and cos(iz): C99's definitions, with the library's sinh and cosh (see ComplexSin).
        Operation.Sinh => ComplexSinh(a),
        Operation.Cosh => ComplexCos(new Complex(-a.Imaginary, a.Real)),
        Operation.Tanh => ComplexTanh(a),
        Operation.ArcSinh => ComplexArcFunctions.Arcsinh(a),
        Operation.ArcCosh => ComplexArcFunctions.Arccosh(a),
        Operation.ArcTanh => ComplexArcFunctions.Arctanh(a),
        Operation.Log => ComplexLog(a),
        // NumPy's and NumExpr's: log z with both parts scaled by log10(e) (System.Numerics' Log10 scales by a 14-digit
        // constant, and log10(|z|) of a magnitude rounded near 1 keeps few digits).
        Operation.Log10 => ComplexLog10(a),
        Operation.Log1p => ComplexLog1p(a),
        Operation.Exp => ComplexExp(a),
        Operation.Expm1 => ComplexExpm1(a),
        Operation.Sqrt => ComplexSqrt(a),
        Operation.Abs => new Complex(RealMath.Magnitude(a.Real, a.Imaginary), 0),
        _ => throw Unsupported(op, DType.Complex128),
    };

    /// <summary>
    /// exp of a complex number with C99's special values (Annex G, as glibc gives them to NumPy): an infinite or NaN part
    /// does not turn the other into NaN through ∞ · 0 (exp(∞ + 0i) is ∞ + 0i, exp(−∞ + yi) is a signed zero).
    /// </summary>
    private static Complex ComplexExp(Complex a)
    {
        double x = a.Real, y = a.Imaginary;
        if (y == 0 && !double.IsNaN(x))
        {
            return new Complex(Math.Exp(x), y);
        }

        if (IsFinite(x))
        {
            return IsFinite(y) ? Complex.Exp(a) : new Complex(double.NaN, double.NaN);
        }

        if (double.IsNaN(x))
        {
            return new Complex(double.NaN, y == 0 ? y : double.NaN);
        }

        if (IsFinite(y))
        {
            double magnitude = x > 0 ? double.PositiveInfinity : 0;
            return new Complex(RealMath.CopySign(magnitude, Math.Cos(y)), RealMath.CopySign(magnitude, Math.Sin(y)));
        }

        // x = ±∞ and y infinite or NaN.
        return x > 0 ? new Complex(double.PositiveInfinity, double.NaN) : new Complex(0, RealMath.CopySign(0, y));
    }

    /// <summary>
    /// sin(x + iy) = sin x·cosh y + i·cos x·sinh y with the library's sinh and cosh (System.Numerics forms sinh y from
    /// e^y − e^−y, which keeps no digits for tiny y), and the real part ±0 at x = ±0 where cosh y is infinite (C99).
    /// </summary>
    private static Complex ComplexSin(Complex a)
    {
        double x = a.Real, y = a.Imaginary;
        if (!IsFinite(x))
        {
            // C99: an infinite or zero imaginary part survives an infinite or NaN real part.
            return new Complex(double.NaN, double.IsInfinity(y) || y == 0 ? y : double.NaN);
        }

        return new Complex(x == 0 ? x : Math.Sin(x) * Math.Cosh(y), Math.Cos(x) * Math.Sinh(y));
    }

    private static Complex ComplexLog(Complex a) => RealMath.ComplexLogarithm(a.Real, a.Imaginary);

    /// <summary>Each part of log z times log10(e), part by part (Complex's operator * would make −∞ · 0 of log 0's NaN).</summary>
    private static Complex ComplexLog10(Complex a)
    {
        var log = ComplexLog(a);
        return new Complex(log.Real * RealMath.Log10E, log.Imaginary * RealMath.Log10E);
    }

    /// <summary>sinh z = −i·sin(iz): sinh x·cos y + i·cosh x·sin y, special values and signed zeros as sin gives them.</summary>
    private static Complex ComplexSinh(Complex a)
    {
        var sine = ComplexSin(new Complex(-a.Imaginary, a.Real));
        return new Complex(sine.Imaginary, -sine.Real);
    }

    /// <summary>cos(x + iy) = cos x·cosh y − i·sin x·sinh y, as <see cref="ComplexSin"/>: the imaginary part is a signed 0 at x = ±0.</summary>
    private static Complex ComplexCos(Complex a)
    {
        double x = a.Real, y = a.Imaginary;
        if (!IsFinite(x))
        {
            return new Complex(double.IsInfinity(y) ? double.PositiveInfinity : double.NaN, y == 0 ? y : double.NaN);
        }

        return new Complex(Math.Cos(x) * Math.Cosh(y), x == 0 ? -(x * RealMath.CopySign(1.0, y)) : -(Math.Sin(x) * Math.Sinh(y)));
    }

    /// <summary>
    /// tanh of a complex number by Kahan's formula (as FreeBSD's and so glibc-era C libraries compute it): with
    /// t = tan y, β = 1 + t², s = sinh x, tanh z = (β·s·√(1 + s²) + i·t) / (1 + β·s²). It stays finite where
    /// System.Numerics' sinh(2x)/(cosh(2x) + cos(2y)) divides 0 by 0 (z = iπ/2, a pole of tan in finite precision) or
    /// ∞ by ∞ (|x| ≳ 355). From |x| = 22 on, tanh x is ±1 to the last bit. Special values as C99 gives them.
    /// </summary>
    private static Complex ComplexTanh(Complex a)
    {
        double x = a.Real, y = a.Imaginary;
        if (double.IsInfinity(x))
        {
            return new Complex(RealMath.CopySign(1, x), RealMath.CopySign(0, IsFinite(y) ? Math.Sin(2 * y) : y));
        }

        if (double.IsNaN(x))
        {
            return new Complex(double.NaN, y == 0 ? y : double.NaN);
        }

        if (!IsFinite(y))
        {
            return new Complex(x == 0 ? x : double.NaN, double.NaN);
        }

        if (Math.Abs(x) >= 22)
        {
            return new Complex(RealMath.CopySign(1, x), 4 * Math.Sin(y) * Math.Cos(y) * Math.Exp(-2 * Math.Abs(x)));
        }

        double t = Math.Tan(y);
        if (x == 0)
        {
            return new Complex(x, t);
        }

        double beta = 1 + (t * t), sinh = Math.Sinh(x);
        double denominator = 1 + (beta * sinh * sinh);
        return new Complex(beta * Math.Sqrt(1 + (sinh * sinh)) * sinh / denominator, t / denominator);
    }

    /// <summary>The principal square root of a complex number with C99's special values (Annex G, as glibc gives them to NumPy).</summary>
    public static Complex ComplexSqrt(Complex a)
    {
        double x = a.Real, y = a.Imaginary;
        if (IsFinite(x) && IsFinite(y))
        {
            return RealMath.ComplexSquareRoot(x, y);
        }

        if (double.IsInfinity(y))
        {
            return new Complex(double.PositiveInfinity, y);
        }

        if (double.IsNegativeInfinity(x))
        {
            return new Complex(double.IsNaN(y) ? double.NaN : 0, RealMath.CopySign(double.PositiveInfinity, y));
        }

        if (double.IsPositiveInfinity(x))
        {
            return new Complex(x, double.IsNaN(y) ? double.NaN : RealMath.CopySign(0, y));
        }

        return new Complex(double.NaN, double.NaN);
    }

    /// <summary>
    /// log(1 + z), accurate near 0: there (|z| &lt; ½) log|1 + z| is ½·log1p(2x + x² + y²), where NumPy's and NumExpr's
    /// log(hypot(1 + x, y)) loses the digits that rounding 1 + x drops (at z = 1e-10 + 1e-10i all but six). The
    /// imaginary part keeps its sign of zero, as theirs does (1 + z would turn −0 into +0 and flip log's branch).
    /// </summary>
    private static Complex ComplexLog1p(Complex a)
    {
        double x = a.Real, y = a.Imaginary;
        double real = (x * x) + (y * y) < RealMath.Log1pSmallSquares ? 0.5 * RealMath.Log1p((x * (2 + x)) + (y * y)) : Math.Log(RealMath.Hypot(x + 1, y));
        return new Complex(real, Math.Atan2(y, x + 1));
    }

    /// <summary>
    /// NumPy's complex expm1: exp(x)·cos(y) − 1 as expm1(x)·cos(y) − 2·sin²(y/2), so that small arguments keep their
    /// digits (exp(z) − 1 cancels them away: expm1(1e-20 + 0i) would be 0).
    /// </summary>
    private static Complex ComplexExpm1(Complex a)
    {
        double halfSine = Math.Sin(a.Imaginary / 2);
        return new Complex((RealMath.Expm1(a.Real) * Math.Cos(a.Imaginary)) - (2 * halfSine * halfSine), Math.Exp(a.Real) * Math.Sin(a.Imaginary));
    }

    /// <summary>NumPy's complex division (Smith's method; division by zero gives NumPy's infinities and NaNs).</summary>
    private static Complex ComplexDivide(Complex a, Complex b)
    {
        double br = Math.Abs(b.Real), bi = Math.Abs(b.Imaginary);
        if (br >= bi)
        {
            if (br == 0 && bi == 0)
            {
                return new Complex(a.Real / br, a.Imaginary / br);
            }

            double ratio = b.Imaginary / b.Real;
            double scale = 1.0 / (b.Real + (b.Imaginary * ratio));
            return new Complex((a.Real + (a.Imaginary * ratio)) * scale, (a.Imaginary - (a.Real * ratio)) * scale);
        }
        else
        {
            double ratio = b.Real / b.Imaginary;
            double scale = 1.0 / (b.Imaginary + (b.Real * ratio));
            return new Complex(((a.Real * ratio) + a.Imaginary) * scale, ((a.Imaginary * ratio) - a.Real) * scale);
        }
    }

    /// <summary>
    /// tan(x + iy) = (sin x cos x + i sinh y cosh y) / (cos² x + sinh² y), a sum of squares with no cancellation
    /// (System.Numerics' version loses ~30 ulps near x = π/2).
    /// </summary>
    private static Complex ComplexTan(Complex z)
    {
        double x = z.Real, y = z.Imaginary;
        if (!IsFinite(x) || !IsFinite(y))
        {
            // tan z = −i·tanh(iz), whose C99 special values glibc gives NumPy (tan(∞ + 400i) is NaN, not i).
            var value = ComplexTanh(new Complex(-y, x));
            return new Complex(value.Imaginary, -value.Real);
        }

        if (Math.Abs(y) > 350)
        {
            return new Complex(0, Math.Sign(y));
        }

        double cos = Math.Cos(x), sinh = Math.Sinh(y);
        double denominator = (cos * cos) + (sinh * sinh);
        return new Complex(Math.Sin(x) * cos / denominator, sinh * Math.Cosh(y) / denominator);
    }

    /// <summary>
    /// Whether NumPy's <c>npy_cpow</c> computes a ** b without exp and log: a zero exponent or base, or a whole real
    /// exponent below 100 in magnitude.
    /// </summary>
    public static bool ComplexPowerByProducts(Complex a, Complex b) =>
        b == Complex.Zero || a == Complex.Zero || (b.Imaginary == 0 && Math.Floor(b.Real) == b.Real && Math.Abs(b.Real) < 100);

    /// <summary>
    /// NumPy's <c>npy_cpow</c>: whole real exponents below 100 in magnitude by binary powering (exact for small
    /// Gaussian integers, and NumPy's values), others as glibc's cpow, which NumPy calls: exp(b · log a), with C99's
    /// special values (System.Numerics' Complex.Pow takes the polar form, rounded differently).
    /// </summary>
    private static Complex ComplexPower(Complex a, Complex b)
    {
        if (b == Complex.Zero)
        {
            return Complex.One;
        }

        if (a == Complex.Zero)
        {
            return b.Real > 0 && b.Imaginary == 0 ? Complex.Zero : new Complex(double.NaN, double.NaN);
        }

        if (b.Imaginary == 0 && Math.Floor(b.Real) == b.Real && Math.Abs(b.Real) < 100)
        {
            // NumPy's npy_cpow: 1, 2 and 3 by direct products, other whole powers by binary powering from 1.
            if (b.Real is 1 or 2 or 3)
            {
                return b.Real == 1 ? a : b.Real == 2 ? a * a : a * (a * a);
            }

            long n = (long)Math.Abs(b.Real);
            Complex result = Complex.One;
            Complex power = a;
            for (long mask = 1; ; mask <<= 1)
            {
                if ((n & mask) != 0)
                {
                    result *= power;
                }

                if (n < (mask << 1))
                {
                    break;
                }

                power *= power;
            }

            return b.Real < 0 ? Complex.One / result : result;
        }

        return ComplexExp(RealMath.ComplexLogarithm(a.Real, a.Imaginary) * b);
    }

    /// <summary>
    /// <c>x ** c</c> as NumExpr computes it for whole and half c with |c| ≤ 50: binary powering by multiplication in
    /// x's dtype, times sqrt(x) for half powers, inverted for negative c. Reproducing the order of the
    /// multiplications gives NumExpr's exact values (and its integer results for integer bases).
    /// </summary>
    private static Scalar PowerByConstant(Scalar x, Scalar exponent, DType result)
    {
        double c = exponent.Type is DType.Bool or DType.Int32 or DType.Int64 ? exponent.Integer : exponent.Real;
        if (x.Type == DType.Complex128)
        {
            // NumPy's complex power already multiplies for whole exponents, and handles 0 ** negative as NumPy does;
            // positive half powers are NumExpr's z^n·√z.
            if (c == Math.Floor(c) || c < 0)
            {
                return Scalar.FromComplex(ComplexPower(x.Complex, new Complex(c, 0)));
            }

            long whole = (long)c;
            var root = ComplexSqrt(x.Complex);
            return Scalar.FromComplex(whole >= 1 ? ComplexPower(x.Complex, new Complex(whole, 0)) * root : root);
        }

        long n = (long)Math.Abs(c);
        bool half = Math.Abs(2 * c) % 2 == 1;

        // NumExpr multiplies integer bases in their own dtype even when a half power makes the result float64, so
        // i**2.5 wraps around; multiplying in float64 instead gives NumPy's value.
        if (half && x.Type.IsInteger())
        {
            x = x.CastTo(result);
        }

        Scalar? product = null;
        Scalar power = x;
        for (long mask = 1; ; mask <<= 1)
        {
            if ((n & mask) != 0)
            {
                product = product is { } p ? Apply(Operation.Multiply, x.Type, [p, power]) : power;
            }

            if ((mask << 1) > n)
            {
                break;
            }

            power = Apply(Operation.Multiply, x.Type, [power, power]);
        }

        if (half)
        {
            Scalar root = Apply(Operation.Sqrt, result, [x.CastTo(result)]);
            product = product is { } p ? Apply(Operation.Multiply, result, [p.CastTo(result), root]) : root;
        }

        Scalar value = product ?? Scalar.FromInt32(1).CastTo(x.Type);
        if (c < 0)
        {
            if (value.Type == DType.Bool)
            {
                value = value.CastTo(DType.Int32);
            }

            value = value.Type.IsInteger()
                ? CIntegerReciprocal(value)
                : Apply(Operation.TrueDivide, value.Type, [Scalar.FromInt32(1).CastTo(value.Type), value]);
        }

        return value.CastTo(result);
    }

    /// <summary>NumExpr's integer <c>div</c> opcode on 1 / r: C truncation, and 0 for division by zero.</summary>
    private static Scalar CIntegerReciprocal(Scalar r)
    {
        long quotient = r.Integer is 1 or -1 ? r.Integer : 0;
        return r.Type == DType.Int32 ? Scalar.FromInt32((int)quotient) : Scalar.FromInt64(quotient);
    }
}
