using System.Runtime.CompilerServices;

namespace SlowSeries.Vectorization;

/// <summary>Add, subtract, multiply, divide and negate of double lanes and (wrapping) long lanes, and the fused multiply-add.</summary>
/// <remarks>One of the parts <see cref="IVectorWidth{TSelf, TDouble, TLong}"/> is made of; see there why it has parts.</remarks>
/// <typeparam name="TSelf">The width type itself.</typeparam>
/// <typeparam name="TDouble">A vector of double lanes (<c>double</c> for the scalar width).</typeparam>
/// <typeparam name="TLong">A vector of long lanes (<c>long</c> for the scalar width).</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface ILaneArithmetic<TSelf, TDouble, TLong>
    where TSelf : struct, IVectorWidth<TSelf, TDouble, TLong>
    where TDouble : struct
    where TLong : struct
{
    /// <summary>a + b.</summary>
    static abstract TDouble Add(TDouble a, TDouble b);

    /// <summary>a + b, wrapping.</summary>
    static abstract TLong Add(TLong a, TLong b);

    /// <summary>a − b.</summary>
    static abstract TDouble Subtract(TDouble a, TDouble b);

    /// <summary>a − b, wrapping.</summary>
    static abstract TLong Subtract(TLong a, TLong b);

    /// <summary>a × b.</summary>
    static abstract TDouble Multiply(TDouble a, TDouble b);

    /// <summary>a × b, wrapping (the low 64 bits).</summary>
    static abstract TLong Multiply(TLong a, TLong b);

    /// <summary>The low 32 bits of each lane of a and of b multiplied as unsigned numbers into a 64-bit product
    /// (<c>vpmuludq</c>, <c>umull</c>): exact for the magic-multiplier division.</summary>
    static abstract TLong MultiplyLow32(TLong a, TLong b);

    /// <summary>a ÷ b.</summary>
    static abstract TDouble Divide(TDouble a, TDouble b);

    /// <summary>−a.</summary>
    static abstract TDouble Negate(TDouble a);

    /// <summary>−a, wrapping.</summary>
    static abstract TLong Negate(TLong a);

    /// <summary>a × b + c rounded once.</summary>
    static abstract TDouble FusedMultiplyAdd(TDouble a, TDouble b, TDouble c);

    /// <summary>
    /// a × <paramref name="factor"/>, wrapping: a factor with one or two bits set (or its negation) as shifts and an add,
    /// which every width has (x64 has no 64-bit lane multiply below AVX-512, where .NET emulates it with three 32-bit
    /// ones); any other factor multiplies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TLong MultiplyByConstant(TLong a, long factor)
    {
        ulong magnitude = factor < 0 ? 0 - (ulong)factor : (ulong)factor;
        int bits = System.Numerics.BitOperations.PopCount(magnitude);
        if (bits is 0 or > 2)
        {
            return TSelf.Multiply(a, TSelf.Create(factor));
        }

        var product = TSelf.ShiftLeft(a, System.Numerics.BitOperations.TrailingZeroCount(magnitude));
        if (bits == 2)
        {
            product = TSelf.Add(product, TSelf.ShiftLeft(a, System.Numerics.BitOperations.Log2(magnitude)));
        }

        return factor < 0 ? TSelf.Negate(product) : product;
    }
}
