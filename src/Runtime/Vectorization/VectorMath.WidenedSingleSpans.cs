using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>
/// The span forms of the float32 functions computed on widened lanes (<see cref="TanForSingle{W, TDouble, TLong}"/>, …),
/// over float64 spans that hold float32 values: the block interpreter widens a block, calls one of these and rounds back,
/// so that it gives the fused loop's bits.
/// </summary>
public static partial class VectorMath
{
    /// <summary>tan to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void TanForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<TanForSingleLanes>(x, destination);

    /// <summary>log10 to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void Log10ForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<Log10ForSingleLanes>(x, destination);

    /// <summary>tanh to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void TanhForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<TanhForSingleLanes>(x, destination);

    /// <summary>sinh to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void SinhForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<SinhForSingleLanes>(x, destination);

    /// <summary>cosh to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void CoshForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<CoshForSingleLanes>(x, destination);

    /// <summary>asinh to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void AsinhForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AsinhForSingleLanes>(x, destination);

    /// <summary>acosh to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void AcoshForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AcoshForSingleLanes>(x, destination);

    /// <summary>atanh to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void AtanhForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AtanhForSingleLanes>(x, destination);

    /// <summary>atan to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void AtanForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AtanForSingleLanes>(x, destination);

    /// <summary>asin to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void AsinForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AsinForSingleLanes>(x, destination);

    /// <summary>acos to float32's accuracy of float32 values held in float64 elements.</summary>
    internal static void AcosForSingle(ReadOnlySpan<double> x, Span<double> destination) => Elementwise<AcosForSingleLanes>(x, destination);

    /// <summary>atan2 to float32's accuracy of pairs of float32 values held in float64 elements.</summary>
    internal static void Atan2ForSingle(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => Elementwise<Atan2ForSingleLanes>(x, y, destination);

    /// <summary>x**y to float32's accuracy of pairs of float32 values held in float64 elements.</summary>
    internal static void PowForSingle(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => Elementwise<PowForSingleLanes>(x, y, destination);

    /// <summary>hypot to float32's accuracy of pairs of float32 values held in float64 elements.</summary>
    internal static void HypotForSingle(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => Elementwise<HypotForSingleLanes>(x, y, destination);

    private readonly struct TanForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => TanForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct Log10ForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Log10ForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct TanhForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => TanhForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct SinhForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => SinhForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct CoshForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => CoshForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct AsinhForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => AsinhForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct AcoshForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => AcoshForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct AtanhForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => AtanhForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct AtanForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => AtanForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct AsinForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => AsinForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct AcosForSingleLanes : ILaneFunction
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => AcosForSingle<W, TDouble, TLong>(x);
    }

    private readonly struct Atan2ForSingleLanes : ILaneFunction2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x, TDouble y)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => Atan2ForSingle<W, TDouble, TLong>(x, y);
    }

    private readonly struct PowForSingleLanes : ILaneFunction2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x, TDouble y)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => PowForSingle<W, TDouble, TLong>(x, y);
    }

    private readonly struct HypotForSingleLanes : ILaneFunction2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TDouble Apply<W, TDouble, TLong>(TDouble x, TDouble y)
            where W : struct, IVectorWidth<W, TDouble, TLong>
            where TDouble : struct
            where TLong : struct => HypotForSingle<W, TDouble, TLong>(x, y);
    }
}
