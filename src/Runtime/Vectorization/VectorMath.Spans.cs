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
    public static void Atan2(ReadOnlySpan<double> y, ReadOnlySpan<double> x, Span<double> destination) => Elementwise<Atan2Lanes>(y, x, destination);

    /// <summary>hypot(x, y) of every pair of elements at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Hypot(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => Elementwise<HypotLanes>(x, y, destination);

    /// <summary>x raised to y for every pair of elements at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Pow(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => Elementwise<PowLanes>(x, y, destination);

    /// <summary>exp of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Exp(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<ExpLanes>(x, destination);

    /// <summary>log of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Log(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<LogLanes>(x, destination);

    /// <summary>log2 of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Log2(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<Log2Lanes>(x, destination);

    /// <summary>log10 of every element at the widest accelerated width (exact at powers of ten); the tail as one padded vector.</summary>
    public static void Log10(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<Log10Lanes>(x, destination);

    /// <summary>log1p of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Log1p(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<Log1pLanes>(x, destination);

    /// <summary>expm1 of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Expm1(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<Expm1Lanes>(x, destination);

    /// <summary>sinh of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Sinh(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<SinhLanes>(x, destination);

    /// <summary>cosh of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Cosh(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<CoshLanes>(x, destination);

    /// <summary>arcsinh of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Asinh(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AsinhLanes>(x, destination);

    /// <summary>arccosh of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Acosh(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AcoshLanes>(x, destination);

    /// <summary>arctanh of every element at the widest accelerated width; the tail as one padded vector.</summary>
    public static void Atanh(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AtanhLanes>(x, destination);

    /// <summary>The two-operand form of <see cref="Elementwise{TFunction}(ReadOnlySpan{double}, Span{double})"/>.</summary>
    private static void Elementwise<TFunction>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
        where TFunction : struct, ILaneFunction2
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Elementwise<TFunction, VectorWidth512, Vector512<double>, Vector512<long>>(x, y, destination);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Elementwise<TFunction, VectorWidth256, Vector256<double>, Vector256<long>>(x, y, destination);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Elementwise<TFunction, VectorWidth128, Vector128<double>, Vector128<long>>(x, y, destination);
        }
        else
        {
            Elementwise<TFunction, ScalarWidth, double, long>(x, y, destination);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Elementwise<TFunction, W, TDouble, TLong>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
        where TFunction : struct, ILaneFunction2
        where W : struct, IVectorWidth<W, TDouble, TLong>
        where TDouble : struct
        where TLong : struct
    {
        int i = 0;
        for (; i <= x.Length - W.Count; i += W.Count)
        {
            W.Store(TFunction.Apply<W, TDouble, TLong>(W.Load(x, i), W.Load(y, i)), destination, i);
        }

        if (i < x.Length)
        {
            // The last partial vector by this loop again, on padded copies (see the one-input loop).
            Span<double> padded = stackalloc double[3 * W.Count];
            x[i..].CopyTo(padded);
            y[i..x.Length].CopyTo(padded[W.Count..]);
            Elementwise<TFunction, W, TDouble, TLong>(padded[..W.Count], padded.Slice(W.Count, W.Count), padded[(2 * W.Count)..]);
            padded.Slice(2 * W.Count, x.Length - i).CopyTo(destination[i..]);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            // The last partial vector by this loop again, on a padded copy: the function has one call site, which the JIT
            // inlines once (with a second site for the tail, compiling log at 512 bits took 18 ms on its first call, 11 now).
            Span<double> padded = stackalloc double[2 * W.Count];
            x[i..].CopyTo(padded);
            Elementwise<TFunction, W, TDouble, TLong>(padded[..W.Count], padded[W.Count..]);
            padded.Slice(W.Count, x.Length - i).CopyTo(destination[i..]);
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

    /// <summary>A two-operand lane function as a type (see <see cref="ILaneFunction"/>).</summary>
    private interface ILaneFunction2
    {
        static abstract TDouble Apply<W, TDouble, TLong>(TDouble x, TDouble y)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct;
    }

    private readonly struct Atan2Lanes : ILaneFunction2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x, TDouble y)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Atan2<W, TDouble, TLong>(x, y);
    }

    private readonly struct PowLanes : ILaneFunction2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x, TDouble y)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Pow<W, TDouble, TLong>(x, y);
    }

    private readonly struct HypotLanes : ILaneFunction2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x, TDouble y)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Hypot<W, TDouble, TLong>(x, y);
    }

    private readonly struct Log2Lanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Log2<W, TDouble, TLong>(x);
    }

    private readonly struct Log10Lanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Log10<W, TDouble, TLong>(x);
    }

    private readonly struct Log1pLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Log1p<W, TDouble, TLong>(x);
    }

    private readonly struct Expm1Lanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Expm1<W, TDouble, TLong>(x);
    }

    private readonly struct SinhLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Sinh<W, TDouble, TLong>(x);
    }

    private readonly struct CoshLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Cosh<W, TDouble, TLong>(x);
    }

    private readonly struct AsinhLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Asinh<W, TDouble, TLong>(x);
    }

    private readonly struct AcoshLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Acosh<W, TDouble, TLong>(x);
    }

    private readonly struct AtanhLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Atanh<W, TDouble, TLong>(x);
    }

    private readonly struct ExpLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Exp<W, TDouble, TLong>(x);
    }

    private readonly struct LogLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Log<W, TDouble, TLong>(x);
    }
}
