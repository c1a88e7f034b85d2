using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>float32 lanes in <c>Vector512</c> (see <see cref="ISingleLanes{TSelf, TSingle, TInt}"/>).</summary>
internal readonly struct SingleLanes512 : ISingleLanes<SingleLanes512, Vector512<float>, Vector512<int>>
{
    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Create(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Create(int value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref readonly float source) => Vector512.LoadUnsafe(in source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Add(Vector512<int> a, Vector512<int> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Subtract(Vector512<int> a, Vector512<int> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> And(Vector512<int> a, Vector512<int> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Not(Vector512<int> a) => ~a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> ShiftLeft(Vector512<int> a, int count) => Vector512.ShiftLeft(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> ShiftRightArithmetic(Vector512<int> a, int count) => Vector512.ShiftRightArithmetic(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> AsInt32(Vector512<float> a) => a.AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AsSingle(Vector512<int> a) => a.AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ConvertToSingle(Vector512<int> a) => Vector512.ConvertToSingle(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> EqualTo(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Select(Vector512<int> mask, Vector512<float> whenTrue, Vector512<float> whenFalse) => Vector512.ConditionalSelect(mask.AsSingle(), whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Select(Vector512<int> mask, Vector512<int> whenTrue, Vector512<int> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<int> mask) => mask != Vector512<int>.Zero;
}
