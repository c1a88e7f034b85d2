namespace SlowSeries.Arrays;

/// <summary>The extents of an n-dimensional value, outermost first (C order). A scalar has rank 0.</summary>
public sealed class Shape : IEquatable<Shape>
{
    private readonly int[] dimensions;

    /// <summary>A shape of the given dimensions (none: a 0-d scalar).</summary>
    public Shape(params int[] dimensions)
    {
        foreach (int extent in dimensions)
        {
            if (extent < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dimensions), "extents cannot be negative");
            }
        }

        this.dimensions = (int[])dimensions.Clone();
    }

    /// <summary>The shape of a 0-d value: no dimensions, one element.</summary>
    public static Shape Scalar { get; } = new();

    /// <summary>The number of dimensions.</summary>
    public int Rank => dimensions.Length;

    /// <summary>The length along <paramref name="axis"/>.</summary>
    public int this[int axis] => dimensions[axis];

    /// <summary>The length along each axis, outermost first.</summary>
    public IReadOnlyList<int> Dimensions => dimensions;

    /// <summary>The number of elements (the product of the dimensions; 1 for a scalar).</summary>
    public long Size
    {
        get
        {
            long size = 1;
            foreach (int extent in dimensions)
            {
                size *= extent;
            }

            return size;
        }
    }

    /// <summary>The element count, or null when it does not fit in 64 bits (a broadcast of several huge extents).</summary>
    public long? ExactSize
    {
        get
        {
            long size = 1;
            foreach (int extent in dimensions)
            {
                if (extent != 0 && size > long.MaxValue / extent)
                {
                    return dimensions.Contains(0) ? 0 : null;
                }

                size *= extent;
            }

            return size;
        }
    }

    /// <summary>The most elements one .NET array holds (<c>Array.MaxLength</c>, which the generator's netstandard2.0 lacks).</summary>
    public const int MaxElements = 0x7FFFFFC7;

    /// <summary>
    /// Whether more elements than one .NET array holds: every array, intermediate buffers included, is one array with
    /// int indices, so such a result is refused when bound.
    /// </summary>
    public bool ExceedsArrayLimit => ExactSize is not long size || size > MaxElements;

    /// <summary>NumPy broadcasting: align from the right; extents must match or be 1.</summary>
    public static Shape? Broadcast(Shape a, Shape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int x = i < rank - a.Rank ? 1 : a.dimensions[i - (rank - a.Rank)];
            int y = i < rank - b.Rank ? 1 : b.dimensions[i - (rank - b.Rank)];
            if (x != y && x != 1 && y != 1)
            {
                return null;
            }

            result[i] = x == 1 ? y : x;
        }

        return new Shape(result);
    }

    /// <summary>This shape without <paramref name="axis"/> (the shape of a reduction along it).</summary>
    public Shape RemoveAxis(int axis) => new(dimensions.Where((_, i) => i != axis).ToArray());

    /// <summary>Whether both shapes have the same dimensions.</summary>
    public bool Equals(Shape? other) => other is not null && dimensions.SequenceEqual(other.dimensions);

    /// <summary>Whether <paramref name="obj"/> is a shape with the same dimensions.</summary>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <summary>A hash of the dimensions.</summary>
    public override int GetHashCode()
    {
        int hash = 17;
        foreach (int extent in dimensions)
        {
            hash = (hash * 31) + extent;
        }

        return hash;
    }

    /// <summary>NumPy's spelling: <c>()</c>, <c>(3,)</c>, <c>(2, 3)</c>.</summary>
    public override string ToString() => dimensions.Length == 1 ? $"({dimensions[0]},)" : "(" + string.Join(", ", dimensions) + ")";
}
