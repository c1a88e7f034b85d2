using SlowSeries.Arrays;

namespace SlowSeries.Language.Operators;

/// <summary>The outcome of a type rule: the result dtype and the dtype each operand is cast to before computing.</summary>
internal sealed record TypeResolution(DType Result, IReadOnlyList<DType> OperandTypes, string? Error)
{
    public bool Succeeded => Error is null;

    public static TypeResolution Fail(string error) => new(default, [], error);

    public static TypeResolution Uniform(DType result, DType operands, int arity)
    {
        var types = new DType[arity];
        for (int k = 0; k < arity; k++)
        {
            types[k] = operands;
        }

        return new(result, types, null);
    }
}
