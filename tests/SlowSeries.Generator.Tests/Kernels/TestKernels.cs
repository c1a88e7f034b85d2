namespace SlowSeries.Generator.Tests.Kernels;

/// <summary>Scalar kernels covering the constructs the lane translator handles; the generator vectorizes them in this build.</summary>
public static partial class TestKernels
{
    [Vectorize]
    public static double Combined(long k)
    {
        long digitBase = 10, k0 = k;
        while (9 / digitBase > 0)
        {
            digitBase *= 10;
        }

        while (k > 0)
        {
            if (k % digitBase == 9)
            {
                return 0.0;
            }

            k /= 10;
        }

        return 1.0 / k0;
    }

    /// <summary>The opening loop runs at build time: <c>pairBase</c> is the constant 100 in the vector code.</summary>
    [Vectorize]
    public static long DigitPairs(long k)
    {
        long pairBase = 10;
        while (99 / pairBase > 0)
        {
            pairBase *= 10;
        }

        long found = 0;
        while (k > 0)
        {
            if (k % pairBase == 99)
            {
                found++;
            }

            k /= 10;
        }

        return found;
    }

    /// <summary><c>k</c> is dead after the loop (its lanes are written unmasked), <c>sum</c> is read after it (masked).</summary>
    [Vectorize]
    public static long DigitSum(long k)
    {
        long sum = 0;
        while (k > 0)
        {
            sum += k % 10;
            k /= 10;
        }

        return sum;
    }

    /// <summary><c>scaled</c> reads <c>step</c> at run time before the opening loop changes it: <c>step</c> stays a variable.</summary>
    [Vectorize]
    public static long ReadBeforeChange(long k)
    {
        long step = 10;
        long scaled = k * step;
        while (step < 1000)
        {
            step *= 10;
        }

        return scaled + (k / step) + (k % step);
    }

    /// <summary><c>divisor</c> is assigned after the opening statements: it stays a variable.</summary>
    [Vectorize]
    public static long AssignedLater(long k)
    {
        long divisor = 7;
        long total = k / divisor;
        if (k > 100)
        {
            divisor = 3;
        }

        return total + (k / divisor) + (k % divisor);
    }

    /// <summary>Divisions by constants on every path: small and large divisors, negative ones, any dividend.</summary>
    [Vectorize]
    public static long DividesByConstants(long k) =>
        (k / 10) + (k % 10) + (k / -7) + (k % -7) + (k / 1) + (k % 3) + (k / 1_000_000_007) + (k % 4_000_000_000L) + (k / 2_147_483_647);

    [Vectorize]
    public static double Branches(double x, long n) => x > 0 && n % 3 != 0 ? Math.Sqrt(x) + n : (n > 5 || x < -2 ? -x * n : Math.Abs(x) / 2);

    [Vectorize]
    public static long Collatz(long n)
    {
        long steps = 0;
        for (long k = n; k > 1; steps++)
        {
            if (steps > 500)
            {
                break;
            }

            if ((k & 1) == 0)
            {
                k /= 2;
                continue;
            }

            k = (3 * k) + 1;
        }

        return steps;
    }

    /// <summary>
    /// Divisions by powers of two where the loop's condition proves the dividend non-negative (a shift and a mask), where
    /// an assignment in the body has ended that proof, and after the loop, where it never held.
    /// </summary>
    [Vectorize]
    public static long PowerOfTwoDivisionsUnderLoopConditions(long n)
    {
        long total = 0;
        long k = n;
        while (k > 0 && total < 100_000)
        {
            total += (k % 8) + (k / -4) + (k / 2);
            k -= 7;
            total += (k % 4) + (k / 2);
            total++;
        }

        return total + (k % 2) + (k / 16);
    }

    /// <summary>
    /// A loop that carries doubles from one iteration to the next (Newton's iteration for √x), so its lanes run as two
    /// vectors of the width (PairedWidth): an early return, a break, a data-dependent exit and an integer counter.
    /// </summary>
    [Vectorize]
    public static double NewtonSquareRoot(double x, long limit)
    {
        if (x < 0)
        {
            return -1;
        }

        double guess = x > 1 ? x : 1.0;
        long steps = 0;
        while (steps < limit)
        {
            double next = 0.5 * (guess + (x / guess));
            steps++;
            if (next >= guess)
            {
                break;
            }

            guess = next;
            if (steps == 40 && x > 1e300)
            {
                return guess + steps;
            }
        }

        return guess + (steps * 1e-3);
    }

    /// <summary>A paired kernel calling another one (its lane version runs on the caller's pair).</summary>
    [Vectorize]
    public static double CallsNewton(double x, long n) => NewtonSquareRoot(Math.Abs(x), n % 50) - NewtonSquareRoot(x, 3);

    [Vectorize]
    public static int IntArithmetic(int a, int b)
    {
        int product = a * b;              // wraps like unchecked C#
        int quotient = b != 0 ? a / b : -1;
        return product + (quotient << 3) - (a % 7) + (int)(a * 0.5);
    }

    [Vectorize]
    public static double UsesOther(double x, long n) => Branches(x, n) * Math.Cos(x) + Math.Sin(n) + Math.Floor(x * 3.5) - Math.Max(x, 0.25) + Math.Tanh(x);

    [Vectorize]
    public static double HalfTangent(double x) => 0.5 * Math.Tan(x);

    [Vectorize]
    public static double Hyperbolic(double x) =>
        Math.Sinh(x) - Math.Cosh(x * 0.5) + Math.Asinh(x) + Math.Atanh(x * 0.01) + Math.Acosh(Math.Abs(x) + 1) + Math.Log10(Math.Abs(x) + 1) + Math.Atan2(x, 2.0) + Math.Asin(x * 0.01);

    [Vectorize]
    public static bool IsSmall(double x, double limit)
    {
        bool small = false;
        if (Math.Abs(x) < limit)
        {
            small = true;
        }
        else if (!(x != limit * 0) || x > 100 * limit)
        {
            small = !small;
        }

        return small;
    }

    [Vectorize]
    public static double NotVectorizable(long k) => k.ToString(System.Globalization.CultureInfo.InvariantCulture).Contains('9') ? 0.0 : 1.0 / k;
}
