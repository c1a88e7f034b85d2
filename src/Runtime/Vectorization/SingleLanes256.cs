using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>float32 lanes in <c>Vector256</c> (see <see cref="ISingleLanes{TSelf, TSingle, TInt}"/>).</summary>
internal readonly struct SingleLanes256 : ISingleLanes<SingleLanes256, Vector256<float>, Vector256<int>>
{
    public static int Count => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Create(int value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref readonly float source) => Vector256.LoadUnsafe(in source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Add(Vector256<int> a, Vector256<int> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Subtract(Vector256<int> a, Vector256<int> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> And(Vector256<int> a, Vector256<int> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Not(Vector256<int> a) => ~a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> ShiftLeft(Vector256<int> a, int count) => Vector256.ShiftLeft(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> ShiftRightArithmetic(Vector256<int> a, int count) => Vector256.ShiftRightArithmetic(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> AsInt32(Vector256<float> a) => a.AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AsSingle(Vector256<int> a) => a.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ConvertToSingle(Vector256<int> a) => Vector256.ConvertToSingle(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> GreaterThan(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> EqualTo(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Select(Vector256<int> mask, Vector256<float> whenTrue, Vector256<float> whenFalse) => Vector256.ConditionalSelect(mask.AsSingle(), whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Select(Vector256<int> mask, Vector256<int> whenTrue, Vector256<int> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<int> mask) => mask != Vector256<int>.Zero;
}
