using Microsoft.CodeAnalysis;

namespace SlowSeries.Generator.Vectorize;

/// <summary>
/// How a scalar C# type lives in lanes of the width-generic code: <c>double</c> in <c>TDouble</c>; <c>long</c>,
/// <c>int</c> (sign-extended, wrapped after arithmetic) and <c>bool</c> (a mask of all-ones or zeros) in <c>TLong</c>
/// (e.g. <c>Vector256&lt;double&gt;</c> and <c>Vector256&lt;long&gt;</c> at 256 bits). <c>float</c> has no lane form with
/// as many lanes as double's and is not vectorized.
/// </summary>
internal enum LaneType
{
    Double,
    Long,
    Int,
    Bool,
}

internal static class LaneTypes
{
    public static LaneType? Of(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Double => LaneType.Double,
        SpecialType.System_Int64 => LaneType.Long,
        SpecialType.System_Int32 => LaneType.Int,
        SpecialType.System_Boolean => LaneType.Bool,
        _ => null,
    };

    /// <summary>The C# keyword of a scalar type the generator accepts (the vectorized four and <c>float</c>), or null.</summary>
    public static string? Keyword(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Double => "double",
        SpecialType.System_Single => "float",
        SpecialType.System_Int64 => "long",
        SpecialType.System_Int32 => "int",
        SpecialType.System_Boolean => "bool",
        _ => null,
    };

    public static LaneType? FromKeyword(string keyword) => keyword switch
    {
        "double" => LaneType.Double,
        "long" => LaneType.Long,
        "int" => LaneType.Int,
        "bool" => LaneType.Bool,
        _ => null,
    };

    /// <summary>The lane type parameter of width-generic code holding this type: <c>TDouble</c> or <c>TLong</c>.</summary>
    public static string VectorType(this LaneType type) => type == LaneType.Double ? "TDouble" : "TLong";

    public static bool IsInteger(this LaneType type) => type is LaneType.Long or LaneType.Int;
}
