using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SlowSeries.Vectorization;

/// <summary>The span forms of our one-argument vector functions: one loop for all of them, at the widest accelerated width.</summary>
public static partial class VectorMath
{
    /// <summary>tanh of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<TanhLanes>(x, destination);

    /// <summary>tan of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Tan(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<TanLanes>(x, destination);

    /// <summary>arcsin of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Asin(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AsinLanes>(x, destination);

    /// <summary>arccos of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Acos(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AcosLanes>(x, destination);

    /// <summary>arctan of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Atan(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AtanLanes>(x, destination);

    /// <summary>arctan2(y, x) of every pair of elements at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Atan2(ReadOnlySpan<double> y, ReadOnlySpan<double> x, Span<double> destination)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Atan2<VectorWidth512, Vector512<double>, Vector512<long>>(y, x, destination);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Atan2<VectorWidth256, Vector256<double>, Vector256<long>>(y, x, destination);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Atan2<VectorWidth128, Vector128<double>, Vector128<long>>(y, x, destination);
        }
        else
        {
            Atan2<ScalarWidth, double, long>(y, x, destination);
        }
    }

    private static void Atan2<W, TDouble, TLong>(ReadOnlySpan<double> y, ReadOnlySpan<double> x, Span<double> destination)
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        int i = 0;
        for (; i <= x.Length - W.Count; i += W.Count)
        {
            W.Store(Atan2<W, TDouble, TLong>(W.Load(y, i), W.Load(x, i)), destination, i);
        }

        if (i < x.Length)
        {
            W.StoreTail(Atan2<W, TDouble, TLong>(W.LoadTail(y, i), W.LoadTail(x, i)), destination, i);
        }
    }

    /// <summary>
    /// <typeparamref name="TFunction"/> of every element; the tail as one padded vector. Each lane is computed on its
    /// own, so an element's result does not depend on where the spans start.
    /// </summary>
    private static void Elementwise<TFunction>(ReadOnlySpan<double> x, Span<double> destination)
        where TFunction : struct, ILaneFunction
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Elementwise<TFunction, VectorWidth512, Vector512<double>, Vector512<long>>(x, destination);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Elementwise<TFunction, VectorWidth256, Vector256<double>, Vector256<long>>(x, destination);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Elementwise<TFunction, VectorWidth128, Vector128<double>, Vector128<long>>(x, destination);
        }
        else
        {
            Elementwise<TFunction, ScalarWidth, double, long>(x, destination);
        }
    }

    private static void Elementwise<TFunction, W, TDouble, TLong>(ReadOnlySpan<double> x, Span<double> destination)
        where TFunction : struct, ILaneFunction
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        int i = 0;
        for (; i <= x.Length - W.Count; i += W.Count)
        {
            W.Store(TFunction.Apply<W, TDouble, TLong>(W.Load(x, i)), destination, i);
        }

        if (i < x.Length)
        {
            W.StoreTail(TFunction.Apply<W, TDouble, TLong>(W.LoadTail(x, i)), destination, i);
        }
    }

    /// <summary>A lane function as a type, so that the span loop is compiled (and inlined) once per function.</summary>
    private interface ILaneFunction
    {
        static abstract TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct;
    }

    private readonly struct TanhLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Tanh<W, TDouble, TLong>(x);
    }

    private readonly struct TanLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Tan<W, TDouble, TLong>(x);
    }

    private readonly struct AsinLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Asin<W, TDouble, TLong>(x);
    }

    private readonly struct AtanLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Atan<W, TDouble, TLong>(x);
    }

    private readonly struct AcosLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Acos<W, TDouble, TLong>(x);
    }
}
