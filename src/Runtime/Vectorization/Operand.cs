namespace SlowSeries.Vectorization;

/// <summary>
/// An argument of a generated element-wise method: either one value broadcast to every element or a span with one
/// value per element. Converts implicitly from a value, an array or a span.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly ref struct Operand<T>
{
    private readonly T value;

    private Operand(T value, ReadOnlySpan<T> span, bool isScalar)
    {
        this.value = value;
        Span = span;
        IsScalar = isScalar;
    }

    /// <summary>True when one value stands for every element.</summary>
    public bool IsScalar { get; }

    /// <summary>The elements (empty for a scalar).</summary>
    public ReadOnlySpan<T> Span { get; }

    /// <summary>The broadcast value of a scalar operand.</summary>
    public T Value => IsScalar ? value : throw new InvalidOperationException("the operand is a span, not a scalar");

    /// <summary>One value, the same for every element.</summary>
    public static implicit operator Operand<T>(T value) => new(value, default, isScalar: true);

    /// <summary>One value per element, from an array.</summary>
    public static implicit operator Operand<T>(T[] values) => new(default!, values, isScalar: false);

    /// <summary>One value per element, from a span.</summary>
    public static implicit operator Operand<T>(ReadOnlySpan<T> values) => new(default!, values, isScalar: false);

    /// <summary>One value per element, from a span.</summary>
    public static implicit operator Operand<T>(Span<T> values) => new(default!, values, isScalar: false);

    /// <summary>The element at <paramref name="index"/> (a scalar's value for any index).</summary>
    public T this[int index] => IsScalar ? value : Span[index];

    /// <summary>The elements [start, start + length): a scalar stays the same scalar.</summary>
    public Operand<T> Slice(int start, int length) => IsScalar ? this : new(default!, Span.Slice(start, length), isScalar: false);
}
