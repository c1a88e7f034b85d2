namespace SlowSeries.Arrays;

/// <summary>
/// The element types of the expression language. The declaration order is NumExpr's kind rank
/// (bool &lt; int &lt; long &lt; float &lt; double &lt; complex); byte strings stand apart.
/// </summary>
public enum DType
{
    /// <summary>NumPy's bool: one byte per element, 0 or 1.</summary>
    Bool,
    /// <summary>NumPy's int32 (C# <see cref="int"/>).</summary>
    Int32,
    /// <summary>NumPy's int64 (C# <see cref="long"/>).</summary>
    Int64,
    /// <summary>NumPy's float32 (C# <see cref="float"/>).</summary>
    Float32,
    /// <summary>NumPy's float64 (C# <see cref="double"/>).</summary>
    Float64,
    /// <summary>NumPy's complex128 (<see cref="System.Numerics.Complex"/>).</summary>
    Complex128,
    /// <summary>NumPy's byte strings (<c>S</c> dtype): one <see cref="byte"/> array per element.</summary>
    Bytes,
}
