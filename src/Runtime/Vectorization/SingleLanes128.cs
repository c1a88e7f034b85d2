using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>float32 lanes in <c>Vector128</c> (see <see cref="ISingleLanes{TSelf, TSingle, TInt}"/>).</summary>
internal readonly struct SingleLanes128 : ISingleLanes<SingleLanes128, Vector128<float>, Vector128<int>>
{
    public static int Count => Vector128<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Create(int value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref readonly float source) => Vector128.LoadUnsafe(in source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Add(Vector128<int> a, Vector128<int> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Subtract(Vector128<int> a, Vector128<int> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> And(Vector128<int> a, Vector128<int> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Not(Vector128<int> a) => ~a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> ShiftLeft(Vector128<int> a, int count) => Vector128.ShiftLeft(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> ShiftRightArithmetic(Vector128<int> a, int count) => Vector128.ShiftRightArithmetic(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> AsInt32(Vector128<float> a) => a.AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AsSingle(Vector128<int> a) => a.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ConvertToSingle(Vector128<int> a) => Vector128.ConvertToSingle(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> GreaterThan(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> EqualTo(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Select(Vector128<int> mask, Vector128<float> whenTrue, Vector128<float> whenFalse) => Vector128.ConditionalSelect(mask.AsSingle(), whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Select(Vector128<int> mask, Vector128<int> whenTrue, Vector128<int> whenFalse) => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector128<int> mask) => mask != Vector128<int>.Zero;
}
