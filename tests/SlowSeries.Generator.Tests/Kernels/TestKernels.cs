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

    [Vectorize]
    public static int IntArithmetic(int a, int b)
    {
        int product = a * b;              // wraps like unchecked C#
        int quotient = b != 0 ? a / b : -1;
        return product + (quotient << 3) - (a % 7) + (int)(a * 0.5);
    }

    [Vectorize]
    public static double UsesOther(double x, long n) => Branches(x, n) * Math.Cos(x) + Math.Sin(n) + Math.Floor(x * 3.5) - Math.Max(x, 0.25);

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
