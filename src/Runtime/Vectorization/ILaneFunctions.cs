using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>exp, log, log2, sin, cos, tan and tanh of double lanes (our own vector functions; see <see cref="VectorMath"/>).</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneFunctions<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>eˣ (ours, <see cref="VectorMath.Exp{W, TDouble, TLong}"/>, inlined; System.Math's on the scalar width).</summary>
    static abstract TDouble Exp(TDouble a);

    /// <summary>ln x (ours, <see cref="VectorMath.Log{W, TDouble, TLong}"/>, inlined; System.Math's on the scalar width).</summary>
    static abstract TDouble Log(TDouble a);

    /// <summary>log₂ x (ours, <see cref="VectorMath.Log2{W, TDouble, TLong}"/>, inlined; System.Math's on the scalar width).</summary>
    static abstract TDouble Log2(TDouble a);

    /// <summary>sin of each lane (see <see cref="VectorMath"/> for the accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Sin(TDouble x) => VectorMath.SinCos<TSelf, TDouble, TLong>(x).Sin;

    /// <summary>cos of each lane (see <see cref="VectorMath"/> for the accuracy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Cos(TDouble x) => VectorMath.SinCos<TSelf, TDouble, TLong>(x).Cos;

    /// <summary>tan of each lane (within 3 ulps of System.Math; see <see cref="VectorMath.Tan{W, TDouble, TLong}(TDouble)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Tan(TDouble x) => VectorMath.Tan<TSelf, TDouble, TLong>(x);

    /// <summary>tanh of each lane (within 3 ulps of System.Math; see <see cref="VectorMath.Tanh{W, TDouble, TLong}(TDouble)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TDouble Tanh(TDouble x) => VectorMath.Tanh<TSelf, TDouble, TLong>(x);
}
