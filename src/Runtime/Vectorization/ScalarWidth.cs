using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// One lane in plain <c>double</c> and <c>long</c>: the width used where no vector type is hardware-accelerated
/// (<c>DOTNET_EnableHWIntrinsic=0</c>, or a CPU without SIMD), so that the width-generic code runs the same algorithms
/// — and gives the same bits — as at the vector widths, instead of vector types emulated in software. A mask is −1 or 0.
/// See <see cref="IVectorWidth{TSelf, TDouble, TLong}"/>.
/// </summary>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly struct ScalarWidth : IVectorWidth<ScalarWidth, double, long>
{
    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static long All => -1;

    /// <inheritdoc/>
    public static long None => 0;

    /// <inheritdoc/>
    public static long Indices => 0;

    /// <inheritdoc/>
    public static double Create(double value) => value;

    /// <inheritdoc/>
    public static long Create(long value) => value;

    /// <inheritdoc/>
    public static bool Any(long mask) => mask != 0;

    /// <inheritdoc/>
    public static double Add(double a, double b) => a + b;

    /// <inheritdoc/>
    public static long Add(long a, long b) => unchecked(a + b);

    /// <inheritdoc/>
    public static double Subtract(double a, double b) => a - b;

    /// <inheritdoc/>
    public static long Subtract(long a, long b) => unchecked(a - b);

    /// <inheritdoc/>
    public static double Multiply(double a, double b) => a * b;

    /// <inheritdoc/>
    public static long Multiply(long a, long b) => unchecked(a * b);

    /// <inheritdoc/>
    public static long MultiplyLow32(long a, long b) => (long)((ulong)(uint)a * (uint)b);

    /// <inheritdoc/>
    public static double Divide(double a, double b) => a / b;

    /// <inheritdoc/>
    public static double Negate(double a) => -a;

    /// <inheritdoc/>
    public static long Negate(long a) => unchecked(-a);

    /// <inheritdoc/>
    public static long And(long a, long b) => a & b;

    /// <inheritdoc/>
    public static long Or(long a, long b) => a | b;

    /// <inheritdoc/>
    public static long Xor(long a, long b) => a ^ b;

    /// <inheritdoc/>
    public static long Not(long a) => ~a;

    /// <inheritdoc/>
    public static long AsInt64(double a) => BitConverter.DoubleToInt64Bits(a);

    /// <inheritdoc/>
    public static double AsDouble(long a) => BitConverter.Int64BitsToDouble(a);

    /// <inheritdoc/>
    public static long Equal(double a, double b) => a == b ? -1 : 0;

    /// <inheritdoc/>
    public static long Equal(long a, long b) => a == b ? -1 : 0;

    /// <inheritdoc/>
    public static long LessThan(double a, double b) => a < b ? -1 : 0;

    /// <inheritdoc/>
    public static long LessThan(long a, long b) => a < b ? -1 : 0;

    /// <inheritdoc/>
    public static long LessThanOrEqual(double a, double b) => a <= b ? -1 : 0;

    /// <inheritdoc/>
    public static long LessThanOrEqual(long a, long b) => a <= b ? -1 : 0;

    /// <inheritdoc/>
    public static long GreaterThan(double a, double b) => a > b ? -1 : 0;

    /// <inheritdoc/>
    public static long GreaterThan(long a, long b) => a > b ? -1 : 0;

    /// <inheritdoc/>
    public static long GreaterThanOrEqual(double a, double b) => a >= b ? -1 : 0;

    /// <inheritdoc/>
    public static long GreaterThanOrEqual(long a, long b) => a >= b ? -1 : 0;

    /// <inheritdoc/>
    public static double Select(long mask, double whenTrue, double whenFalse) => mask != 0 ? whenTrue : whenFalse;

    /// <inheritdoc/>
    public static long Select(long mask, long whenTrue, long whenFalse) => mask != 0 ? whenTrue : whenFalse;

    /// <inheritdoc/>
    public static long ShiftLeft(long a, int count) => a << count;

    /// <inheritdoc/>
    public static long ShiftRightArithmetic(long a, int count) => a >> count;

    /// <inheritdoc/>
    public static long ShiftRightLogical(long a, int count) => a >>> count;

    /// <inheritdoc/>
    public static double ToDouble(long a) => a;

    /// <inheritdoc/>
    public static long ToInt64(double a) => (long)a;

    /// <inheritdoc/>
    public static double Sqrt(double a) => Math.Sqrt(a);

    /// <inheritdoc/>
    public static double Floor(double a) => Math.Floor(a);

    /// <inheritdoc/>
    public static double Ceiling(double a) => Math.Ceiling(a);

    /// <inheritdoc/>
    public static double Truncate(double a) => Math.Truncate(a);

    /// <inheritdoc/>
    public static double Round(double a) => Math.Round(a);

    /// <inheritdoc/>
    public static double Abs(double a) => Math.Abs(a);

    /// <inheritdoc/>
    public static long Abs(long a) => a < 0 ? unchecked(-a) : a;

    /// <inheritdoc/>
    public static double Min(double a, double b) => Math.Min(a, b);

    /// <inheritdoc/>
    public static long Min(long a, long b) => Math.Min(a, b);

    /// <inheritdoc/>
    public static double Max(double a, double b) => Math.Max(a, b);

    /// <inheritdoc/>
    public static long Max(long a, long b) => Math.Max(a, b);

    /// <inheritdoc/>
    public static double FusedMultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public static double Exp(double a) => Math.Exp(a);

    /// <inheritdoc/>
    public static double Log(double a) => Math.Log(a);

    /// <inheritdoc/>
    public static double Log2(double a) => Math.Log2(a);

    /// <inheritdoc/>
    public static long GetElement(long a, int index) => a;

    /// <inheritdoc/>
    public static double GetElement(double a, int index) => a;

    /// <inheritdoc/>
    public static long WithElement(long a, int index, long value) => value;

    /// <inheritdoc/>
    public static double LoadUnsafe(ref readonly double source) => source;

    /// <inheritdoc/>
    public static long LoadUnsafe(ref readonly long source) => source;

    /// <inheritdoc/>
    public static long LoadWidened(ref readonly int source) => source;

    /// <inheritdoc/>
    public static double Gather(double[] table, long index) => Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(table), (nint)index);

    /// <inheritdoc/>
    public static double LookUp16(double[] table, long index) => Gather(table, index);

    /// <inheritdoc/>
    public static double LookUp32(double[] table, long index) => Gather(table, index);

    /// <inheritdoc/>
    public static void StoreUnsafe(double value, ref double destination) => destination = value;

    /// <inheritdoc/>
    public static void StoreUnsafe(long value, ref long destination) => destination = value;

    /// <summary>C#'s division: the CPU's divide is the fast path for one lane.</summary>
    public static long Divide(long dividend, long divisor, long active) => active != 0 ? dividend / divisor : 0;

    /// <summary>C#'s division by a constant (the JIT multiplies by the constant's magic number itself).</summary>
    public static long DivideByConstant(long dividend, ConstantDivisor divisor) => dividend / divisor.Value;

    /// <inheritdoc/>
    public static (long Quotient, long Remainder) DivideWithRemainderByConstant(long dividend, ConstantDivisor divisor)
    {
        long quotient = dividend / divisor.Value;
        return (quotient, dividend - (quotient * divisor.Value));
    }
}
