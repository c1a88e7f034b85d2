using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>One float32 lane, where no vector type is hardware-accelerated (see <see cref="ISingleLanes{TSelf, TSingle, TInt}"/>).</summary>
internal readonly struct SingleLanesScalar : ISingleLanes<SingleLanesScalar, float, int>
{
    public static int Count => 1;

    public static float Create(float value) => value;

    public static int Create(int value) => value;

    public static float Load(ref readonly float source) => source;

    public static void Store(float value, ref float destination) => destination = value;

    public static float Add(float a, float b) => a + b;

    public static float Subtract(float a, float b) => a - b;

    public static float Multiply(float a, float b) => a * b;

    public static float Divide(float a, float b) => a / b;

    public static float FusedMultiplyAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    public static float Abs(float a) => Math.Abs(a);

    public static int Add(int a, int b) => unchecked(a + b);

    public static int Subtract(int a, int b) => unchecked(a - b);

    public static int And(int a, int b) => a & b;

    public static int Not(int a) => ~a;

    public static int ShiftLeft(int a, int count) => a << count;

    public static int ShiftRightArithmetic(int a, int count) => a >> count;

    public static int AsInt32(float a) => BitConverter.SingleToInt32Bits(a);

    public static float AsSingle(int a) => BitConverter.Int32BitsToSingle(a);

    public static float ConvertToSingle(int a) => a;

    public static int LessThan(float a, float b) => a < b ? -1 : 0;

    public static int GreaterThan(float a, float b) => a > b ? -1 : 0;

    public static int EqualTo(float a, float b) => a == b ? -1 : 0;

    public static float Select(int mask, float whenTrue, float whenFalse) => mask != 0 ? whenTrue : whenFalse;

    public static int Select(int mask, int whenTrue, int whenFalse) => mask != 0 ? whenTrue : whenFalse;

    public static bool Any(int mask) => mask != 0;
}
