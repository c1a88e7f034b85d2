namespace SlowSeries.Vectorization;

/// <summary>
/// One vector width as a type: the lane operations code generated from <c>[Vectorize]</c> methods, the run-time kernels
/// and <see cref="VectorMath"/> are written against, once, generic over the width. <see cref="VectorWidth512"/>,
/// <see cref="VectorWidth256"/> and <see cref="VectorWidth128"/> (x64 SSE/AVX and ARM64 NEON) map them to
/// <c>Vector512/256/128</c>; <see cref="ScalarWidth"/> to plain <c>double</c> and <c>long</c> (one lane) where no vector
/// type is hardware-accelerated. The JIT compiles a generic method separately for each struct width and inlines these
/// static members, so the width-generic code runs as fast as code written for one width.
/// </summary>
/// <remarks>
/// <para>
/// A <c>double</c> lives in a <typeparamref name="TDouble"/> lane; <c>long</c>, <c>int</c> and <c>bool</c> in a
/// <typeparamref name="TLong"/> lane (an <c>int</c> sign-extended, a <c>bool</c> as a mask of all ones or all zeros).
/// Comparisons of either type return <typeparamref name="TLong"/> masks.
/// </para>
/// <para>
/// The primitives are abstract, one line each per width. The algorithms built on them (integer division by a
/// constant, NumPy's remainder, loads of tails) are written here once; a width overrides one only where it has a better
/// instruction for it (the scalar width divides with the CPU's divide).
/// </para>
/// <para>
/// The members are declared in parts of a dozen or fewer (<see cref="ILaneShape{TSelf, TDouble, TLong}"/>,
/// <see cref="ILaneArithmetic{TSelf, TDouble, TLong}"/>, …), which this interface joins: to compile a call such as
/// <c>W.Multiply(x, y)</c> in a generic method, .NET looks the width's implementation up among the members of the
/// interface that declares it, and with the hundred-odd members in one interface those look-ups made up most of the
/// JIT's time for our vector functions (a chain of 60 lane operations: 8.5 ms to compile against one interface of 98
/// members, 1.9 ms against parts of 10 or fewer, 1.7 ms written for <c>VectorWidth512</c> directly). A new expression
/// with <c>log</c> or <c>sin</c> pays that on its first evaluation.
/// </para>
/// </remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
// Called by the code the source generator emits, not by hand: hidden from completion lists.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IVectorWidth<TSelf, TDouble, TLong> :
    ILaneShape<TSelf, TDouble, TLong>,
    ILaneArithmetic<TSelf, TDouble, TLong>,
    ILaneBits<TSelf, TDouble, TLong>,
    ILaneComparisons<TSelf, TDouble, TLong>,
    ILaneConversions<TSelf, TDouble, TLong>,
    ILaneMagnitudes<TSelf, TDouble, TLong>,
    ILaneFunctions<TSelf, TDouble, TLong>,
    ILaneMemory<TSelf, TDouble, TLong>,
    ILaneIntegerDivision<TSelf, TDouble, TLong>,
    ILaneOperandLoads<TSelf, TDouble, TLong>,
    ILaneOperandStores<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct;
