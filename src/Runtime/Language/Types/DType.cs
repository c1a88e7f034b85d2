namespace SlowSeries.Language.Types;

/// <summary>
/// The element types of the expression language. The declaration order is NumExpr's kind rank
/// (bool &lt; int &lt; long &lt; float &lt; double &lt; complex); byte strings stand apart.
/// </summary>
public enum DType
{
    Bool,
    Int32,
    Int64,
    Float32,
    Float64,
    Complex128,
    Bytes,
}
