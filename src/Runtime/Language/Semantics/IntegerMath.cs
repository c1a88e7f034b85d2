namespace SlowSeries.Language.Semantics;

/// <summary>
/// NumPy's integer operations on 64-bit values (32-bit results wrap afterwards): floor division and remainder with the
/// divisor's sign, shifts that give 0 (or -1) past the width, powers by squaring. Shared by the reference and the
/// kernels so both compute the same thing.
/// </summary>
internal static class IntegerMath
{
    public static long FloorDivide(long a, long b)
    {
        unchecked
        {
            if (b == 0)
            {
                return 0;
            }

            if (b == -1)
            {
                return -a;
            }

            long quotient = a / b;
            return (a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient;
        }
    }

    public static long Remainder(long a, long b)
    {
        if (b == 0 || b == -1)
        {
            return 0;
        }

        long remainder = a % b;
        return remainder != 0 && ((remainder < 0) != (b < 0)) ? remainder + b : remainder;
    }

    public static long LeftShift(long a, long b, int bits) => b < 0 || b >= bits ? 0 : unchecked(a << (int)b);

    public static long RightShift(long a, long b, int bits) => b < 0 || b >= bits ? (a < 0 ? -1 : 0) : a >> (int)b;

    /// <summary>Why an integer power with a negative exponent has no result.</summary>
    public const string NegativePowerMessage = "integers to negative integer powers are not allowed (as in NumPy)";

    /// <summary>a ** b by squaring, wrapping; a negative b has no integer result.</summary>
    public static long Power(long a, long b)
    {
        if (b < 0)
        {
            throw new ArithmeticException(NegativePowerMessage);
        }

        unchecked
        {
            long result = 1;
            long factor = a;
            while (b > 0)
            {
                if ((b & 1) != 0)
                {
                    result *= factor;
                }

                factor *= factor;
                b >>= 1;
            }

            return result;
        }
    }

    /// <summary>NumPy's float-to-integer conversion on x86: truncation, and the "integer indefinite" value when out of range.</summary>
    public static long TruncateToInt64(double real)
    {
        if (double.IsNaN(real) || double.IsInfinity(real) || real >= 9.2233720368547758e18 || real < -9.2233720368547758e18)
        {
            return long.MinValue;
        }

        return (long)real;
    }
}
