using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// One lane in plain <c>double</c> and <c>long</c>: the width used where no vector type is hardware-accelerated
/// (<c>DOTNET_EnableHWIntrinsic=0</c>, or a CPU without SIMD), so that the width-generic code runs the same algorithms
/// — and gives the same bits — as at the vector widths, instead of vector types emulated in software. A mask is −1 or 0.
/// See <see cref="IVectorWidth{TSelf, TDouble, TLong}"/>.
/// </summary>
public readonly struct ScalarWidth : IVectorWidth<ScalarWidth, double, long>
{
    public static int Count => 1;

    public static long All => -1;

    public static long None => 0;

    public static long Indices => 0;

    public static double Create(double value) => value;

    public static long Create(long value) => value;

    public static bool Any(long mask) => mask != 0;

    public static double Add(double a, double b) => a + b;

    public static long Add(long a, long b) => unchecked(a + b);

    public static double Subtract(double a, double b) => a - b;

    public static long Subtract(long a, long b) => unchecked(a - b);

    public static double Multiply(double a, double b) => a * b;

    public static long Multiply(long a, long b) => unchecked(a * b);

    public static long MultiplyLow32(long a, long b) => (long)((ulong)(uint)a * (uint)b);

    public static double Divide(double a, double b) => a / b;

    public static double Negate(double a) => -a;

    public static long Negate(long a) => unchecked(-a);

    public static long And(long a, long b) => a & b;

    public static long Or(long a, long b) => a | b;

    public static long Xor(long a, long b) => a ^ b;

    public static long Not(long a) => ~a;

    public static long AsInt64(double a) => BitConverter.DoubleToInt64Bits(a);

    public static double AsDouble(long a) => BitConverter.Int64BitsToDouble(a);

    public static long Equal(double a, double b) => a == b ? -1 : 0;

    public static long Equal(long a, long b) => a == b ? -1 : 0;

    public static long LessThan(double a, double b) => a < b ? -1 : 0;

    public static long LessThan(long a, long b) => a < b ? -1 : 0;

    public static long LessThanOrEqual(double a, double b) => a <= b ? -1 : 0;

    public static long LessThanOrEqual(long a, long b) => a <= b ? -1 : 0;

    public static long GreaterThan(double a, double b) => a > b ? -1 : 0;

    public static long GreaterThan(long a, long b) => a > b ? -1 : 0;

    public static long GreaterThanOrEqual(double a, double b) => a >= b ? -1 : 0;

    public static long GreaterThanOrEqual(long a, long b) => a >= b ? -1 : 0;

    public static double Select(long mask, double whenTrue, double whenFalse) => mask != 0 ? whenTrue : whenFalse;

    public static long Select(long mask, long whenTrue, long whenFalse) => mask != 0 ? whenTrue : whenFalse;

    public static long ShiftLeft(long a, int count) => a << count;

    public static long ShiftRightArithmetic(long a, int count) => a >> count;

    public static long ShiftRightLogical(long a, int count) => a >>> count;

    public static double ToDouble(long a) => a;

    public static long ToInt64(double a) => (long)a;

    public static double Sqrt(double a) => Math.Sqrt(a);

    public static double Floor(double a) => Math.Floor(a);

    public static double Ceiling(double a) => Math.Ceiling(a);

    public static double Truncate(double a) => Math.Truncate(a);

    public static double Round(double a) => Math.Round(a);

    public static double Abs(double a) => Math.Abs(a);

    public static long Abs(long a) => a < 0 ? unchecked(-a) : a;

    public static double Min(double a, double b) => Math.Min(a, b);

    public static long Min(long a, long b) => Math.Min(a, b);

    public static double Max(double a, double b) => Math.Max(a, b);

    public static long Max(long a, long b) => Math.Max(a, b);

    public static double FusedMultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    public static double Exp(double a) => Math.Exp(a);

    public static double Log(double a) => Math.Log(a);

    public static double Log2(double a) => Math.Log2(a);

    public static long GetElement(long a, int index) => a;

    public static double GetElement(double a, int index) => a;

    public static long WithElement(long a, int index, long value) => value;

    public static double LoadUnsafe(ref readonly double source) => source;

    public static long LoadUnsafe(ref readonly long source) => source;

    public static long LoadWidened(ref readonly int source) => source;

    public static void StoreUnsafe(double value, ref double destination) => destination = value;

    public static void StoreUnsafe(long value, ref long destination) => destination = value;

    /// <summary>C#'s division: the CPU's divide is the fast path for one lane.</summary>
    public static long Divide(long dividend, long divisor, long active) => active != 0 ? dividend / divisor : 0;

    /// <summary>C#'s division by a constant (the JIT multiplies by the constant's magic number itself).</summary>
    public static long DivideByConstant(long dividend, ConstantDivisor divisor) => dividend / divisor.Value;

    public static (long Quotient, long Remainder) DivideWithRemainderByConstant(long dividend, ConstantDivisor divisor)
    {
        long quotient = dividend / divisor.Value;
        return (quotient, dividend - (quotient * divisor.Value));
    }
}
