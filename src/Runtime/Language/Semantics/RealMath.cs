namespace SlowSeries.Language.Semantics;

/// <summary>
/// Real functions that System.Math lacks or computes too loosely for a reference (log1p, expm1), and the few
/// that netstandard2.0 (the generator's copy of the core) lacks.
/// </summary>
internal static class RealMath
{
    /// <summary>log(1 + x) to a few ulps (Kahan's trick: the rounding of 1 + x cancels out).</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        if (double.IsInfinity(u) || u <= 0)
        {
            return Math.Log(u);
        }

        // x / (u − 1) first: it is near 1, where log(u) · x overflows for x above about 2.5e305.
        return Math.Log(u) * (x / (u - 1.0));
    }

    /// <summary>exp(x) - 1 to a few ulps (Kahan's trick).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            // In Horner's form, x's factor outside: expm1(−0) keeps its sign (x + x²/2 + … would give +0).
            return x * (1 + (x * (0.5 + (x / 6))));
        }

        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        if (um1 == -1.0 || double.IsInfinity(u))
        {
            return um1;
        }

        // x / log(u) first: it is near 1, where (u − 1) · x overflows from x ≈ 704 on, below exp's own limit.
        return um1 * (x / Math.Log(u));
    }

    public static double Log2(double x) =>
#if NET
        Math.Log2(x);
#else
        Math.Log(x) / Math.Log(2.0);
#endif

    public static double Asinh(double x) =>
#if NET
        Math.Asinh(x);
#else
        x < 0 ? -Math.Log(-x + Math.Sqrt((x * x) + 1)) : Math.Log(x + Math.Sqrt((x * x) + 1));
#endif

    public static double Acosh(double x) =>
#if NET
        Math.Acosh(x);
#else
        Math.Log(x + Math.Sqrt((x * x) - 1));
#endif

    public static double Atanh(double x) =>
#if NET
        Math.Atanh(x);
#else
        0.5 * Math.Log((1 + x) / (1 - x));
#endif

    public static double CopySign(double x, double y) =>
#if NET
        Math.CopySign(x, y);
#else
        SignBit(x) == SignBit(y) ? x : -x;
#endif

    public static bool SignBit(double x) => BitConverter.DoubleToInt64Bits(x) < 0;

    public static double NextAfter(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (x == y)
        {
            return y;
        }

#if NET
        return x < y ? Math.BitIncrement(x) : Math.BitDecrement(x);
#else
        if (x == 0)
        {
            return y > 0 ? double.Epsilon : -double.Epsilon;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        bits += (x < y) == (x > 0) ? 1 : -1;
        return BitConverter.Int64BitsToDouble(bits);
#endif
    }

    public static float NextAfter(float x, float y)
    {
        if (float.IsNaN(x) || float.IsNaN(y))
        {
            return float.NaN;
        }

        if (x == y)
        {
            return y;
        }

#if NET
        return x < y ? MathF.BitIncrement(x) : MathF.BitDecrement(x);
#else
        if (x == 0)
        {
            return y > 0 ? float.Epsilon : -float.Epsilon;
        }

        int bits = BitConverter.ToInt32(BitConverter.GetBytes(x), 0);
        bits += (x < y) == (x > 0) ? 1 : -1;
        return BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);
#endif
    }

    /// <summary>The smallest and largest part whose square neither underflows to lose digits nor overflows.</summary>
    public const double MagnitudeSafeLow = 3.054936363499605e-151, MagnitudeSafeHigh = 3.273390607896142e150; // 2^-500, 2^500

    /// <summary>
    /// |re + i·im|, the abs of a complex number: sqrt(re² + im²) as written where both parts lie in
    /// [<see cref="MagnitudeSafeLow"/>, <see cref="MagnitudeSafeHigh"/>] (within 1.5 ulps: two rounded squares, a
    /// rounded sum, a correctly rounded root; NumPy's hypot is within 1), the scaled <see cref="Hypot"/> elsewhere (zero,
    /// infinite, NaN or extreme parts). The vector kernel computes exactly these operations, so every width gives these
    /// bits.
    /// </summary>
    public static double Magnitude(double re, double im)
    {
        double x = Math.Abs(re), y = Math.Abs(im);
        return x >= MagnitudeSafeLow && x <= MagnitudeSafeHigh && y >= MagnitudeSafeLow && y <= MagnitudeSafeHigh
            ? Math.Sqrt((re * re) + (im * im))
            : Hypot(re, im);
    }

    /// <summary>Whether |part| (≥ 0) squares without overflow or underflow, or is zero: sqrt(x² + y²) as written is then exact to 1.5 ulps.</summary>
    public static bool SquaresSafely(double magnitude) => magnitude == 0 || (magnitude >= MagnitudeSafeLow && magnitude <= MagnitudeSafeHigh);

    /// <summary>
    /// The principal square root of x + i·y, both finite, by Algorithm 312 (CACM, 1967; FreeBSD's and NumPy's csqrt):
    /// with h = |x + i·y| and t = sqrt((|x| + h)/2), the root is (t, y/2t) for x ≥ 0 and (|y|/2t, ±t with y's sign)
    /// otherwise, so neither part suffers cancellation and the imaginary part keeps y's sign (−0's included: sqrt(−4 −
    /// 0i) is −2i). Where both parts square safely (<see cref="SquaresSafely"/>), h is sqrt(x² + y²) as written and
    /// every operation is one the vector kernel performs in the same order, so it gives these bits at every width;
    /// elsewhere h is the scaled <see cref="Hypot"/>, of parts first scaled by an even power of two where they are extreme.
    /// </summary>
    public static System.Numerics.Complex ComplexSquareRoot(double x, double y)
    {
        double ax = Math.Abs(x), ay = Math.Abs(y);
        if (ax == 0 && ay == 0)
        {
            return new System.Numerics.Complex(0, y);
        }

        double t;
        if (SquaresSafely(ax) && SquaresSafely(ay))
        {
            t = Math.Sqrt((ax + Math.Sqrt((x * x) + (y * y))) * 0.5);
        }
        else
        {
            // Exact powers of two: 2^-600 keeps |x| + h finite, 2^600 keeps subnormal parts' digits; the root scales by their square root.
            double largest = Math.Max(ax, ay);
            double scale = largest > MagnitudeSafeHigh ? PowerOfTwo(-600) : largest < MagnitudeSafeLow ? PowerOfTwo(600) : 1;
            double unscale = largest > MagnitudeSafeHigh ? PowerOfTwo(300) : largest < MagnitudeSafeLow ? PowerOfTwo(-300) : 1;
            double sx = ax * scale, sy = ay * scale;
            t = Math.Sqrt((sx + Hypot(sx, sy)) * 0.5) * unscale;
        }

        double q = y / (t + t);
        return x >= 0 ? new System.Numerics.Complex(t, q) : new System.Numerics.Complex(Math.Abs(q), CopySign(t, y));
    }

    /// <summary>
    /// The principal logarithm of x + i·y: ln|z| + i·atan2(y, x). Where |z|² lies in [¼, 4], ln|z| is ½·log1p(x² + y² − 1)
    /// with that difference from exact products and sums (<see cref="SquaresMinusOne"/>), as glibc's clog (which NumPy
    /// calls) does near the unit circle: log(hypot(x, y)) there keeps only the digits hypot's rounding leaves (at |z| =
    /// 1 + 1e-10, six). Elsewhere ln(hypot(x, y)); infinite and NaN parts as C99 says (an infinite part: +∞ real part).
    /// </summary>
    public static System.Numerics.Complex ComplexLogarithm(double x, double y)
    {
        double squares = (x * x) + (y * y);
        double real = squares >= NearUnitCircleLow && squares <= NearUnitCircleHigh ? 0.5 * Log1p(SquaresMinusOne(x, y)) : Math.Log(Hypot(x, y));
        return new System.Numerics.Complex(real, Math.Atan2(y, x));
    }

    /// <summary>log10(e), to the last bit: NumPy's and NumExpr's complex log10 scales log by it.</summary>
    public const double Log10E = 0.43429448190325182765;

    /// <summary>The x² + y² (rounded) below which complex log1p takes ½·log1p(2x + x² + y²): |z| &lt; ½.</summary>
    public const double Log1pSmallSquares = 0.25;

    /// <summary>The range of x² + y² (rounded) in which <see cref="ComplexLogarithm"/> takes log1p.</summary>
    public const double NearUnitCircleLow = 0.25, NearUnitCircleHigh = 4;

    /// <summary>
    /// x² + y² − 1 within about an ulp of itself for |x|, |y| ≤ 2: the squares as exact sums of two doubles (fused
    /// multiply-add, or Dekker's splitting where the generator's netstandard2.0 lacks it: the same exact values), the
    /// leading parts added by TwoSum, the errors last. Where the leading parts cancel to below
    /// <see cref="SquaresMinusOneCancelled"/> the errors (up to 2^−53 each) are of the result's size or larger, so they
    /// are added by TwoSums too (Ogita, Rump and Oishi's Sum2), as glibc's exact __x2y2m1: at |z| = 1 − 1.8e-19 plain
    /// sums kept 13 digits (32 ulps).
    /// </summary>
    public static double SquaresMinusOne(double x, double y)
    {
        double p = x * x, q = y * y;
        var (a, aError) = TwoSum(p, -1);
        var (b, bError) = TwoSum(a, q);
        double pError = SquareError(x, p), qError = SquareError(y, q);
        if (Math.Abs(b) >= SquaresMinusOneCancelled)
        {
            return b + (((aError + bError) + pError) + qError);
        }

        var (s1, e1) = TwoSum(aError, bError);
        var (s2, e2) = TwoSum(s1, pError);
        var (s3, e3) = TwoSum(s2, qError);
        var (s4, e4) = TwoSum(b, s3);
        return s4 + (e4 + ((e1 + e2) + e3));
    }

    /// <summary>2^−30: see <see cref="SquaresMinusOne"/>; above it the errors' plain sum is exact to 2^−75 of the result.</summary>
    public const double SquaresMinusOneCancelled = 9.313225746154785e-10;

    /// <summary>a + b rounded, and the rounding error exactly (Knuth's TwoSum).</summary>
    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        double sum = a + b, bPart = sum - a;
        return (sum, (a - (sum - bPart)) + (b - bPart));
    }

    /// <summary>x·x − <paramref name="square"/> exactly, <paramref name="square"/> being x·x rounded.</summary>
    private static double SquareError(double x, double square)
    {
#if NET
        return Math.FusedMultiplyAdd(x, x, -square);
#else
        double split = 134217729.0 * x;
        double high = split - (split - x), low = x - high;
        return (((high * high) - square) + (2 * high * low)) + (low * low);
#endif
    }

    /// <summary>2^<paramref name="exponent"/>, a normal double (|exponent| ≤ 1022).</summary>
    private static double PowerOfTwo(int exponent) => BitConverter.Int64BitsToDouble((1023L + exponent) << 52);

    /// <summary>sqrt(x² + y²) without intermediate overflow or underflow.</summary>
    public static double Hypot(double x, double y)
    {
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return double.PositiveInfinity;
        }

        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

#if NET
        return double.Hypot(x, y);
#else
        x = Math.Abs(x);
        y = Math.Abs(y);
        double big = Math.Max(x, y);
        double small = Math.Min(x, y);
        if (big == 0)
        {
            return 0;
        }

        double ratio = small / big;
        return big * Math.Sqrt(1 + (ratio * ratio));
#endif
    }

    /// <summary>NumPy's <c>npy_divmod</c>: floor division and the remainder with the divisor's sign.</summary>
    public static (double Quotient, double Remainder) DivMod(double a, double b)
    {
        double mod = CRemainder(a, b);
        if (b == 0)
        {
            return (a / b, mod);
        }

        double div = (a - mod) / b;
        if (mod != 0)
        {
            if ((b < 0) != (mod < 0))
            {
                mod += b;
                div -= 1.0;
            }
        }
        else
        {
            mod = CopySign(0, b);
        }

        double floorDiv;
        if (div != 0)
        {
            floorDiv = Math.Floor(div);
            if (div - floorDiv > 0.5)
            {
                floorDiv += 1.0;
            }
        }
        else
        {
            floorDiv = CopySign(0, a / b);
        }

        return (floorDiv, mod);
    }

    /// <summary>C's fmod: the remainder with the dividend's sign.</summary>
    public static double CRemainder(double a, double b) => a % b;
}
