using SlowSeries.Arrays;

namespace SlowSeries.Language.Operators;

/// <summary>
/// Result dtypes, following NumExpr's casting rules (its <c>commonKind</c> rank and per-function minimum and maximum
/// kinds). Where NumExpr 2.8 has no opcode, the operation is rejected here too, with a message that says why.
/// </summary>
internal static class TypeRules
{
    /// <summary>Largest |c| for which <c>x ** c</c> becomes a multiplication chain (NumExpr's aggressive optimisation).</summary>
    public const double PowerChainLimit = 50;

    /// <summary>The result dtype of an operation and the dtype its operands are cast to (NumExpr's rules).</summary>
    /// <param name="op">The operation.</param>
    /// <param name="operands">The operands' dtypes.</param>
    /// <param name="constants">The operands' values where they are constants, else null; the power rule looks at them.</param>
    public static TypeResolution Resolve(OperatorInfo op, IReadOnlyList<DType> operands, IReadOnlyList<Scalar?> constants)
    {
        if (operands.Count != op.Arity)
        {
            return TypeResolution.Fail($"{op.DisplayName} takes {op.Arity} argument{(op.Arity == 1 ? "" : "s")}, got {operands.Count}");
        }

        // Loops, not LINQ: its instantiations over DType are compiled by the JIT in every fresh process.
        int bytes = 0;
        bool anyComplex = false;
        DType common = operands[0];
        for (int k = 0; k < operands.Count; k++)
        {
            bytes += operands[k] == DType.Bytes ? 1 : 0;
            anyComplex |= operands[k] == DType.Complex128;
            common = k == 0 ? common : DTypes.Common(common, operands[k]) ?? DType.Bytes;
        }

        bool anyBytes = bytes > 0;
        bool allBytes = bytes == operands.Count;
        if (anyBytes && !op.AcceptsBytes)
        {
            return TypeResolution.Fail($"{op.DisplayName} is not defined for byte strings ({Describe(operands)})");
        }

        if (!op.AcceptsComplex && anyComplex)
        {
            return TypeResolution.Fail($"{op.DisplayName} is not defined for complex128 operands ({Describe(operands)})");
        }

        int arity = operands.Count;
        switch (op.TypeRule)
        {
            case TypeRule.Arithmetic:
                return common == DType.Bool
                    ? TypeResolution.Fail($"{op.DisplayName} is not defined for bool operands (as in NumExpr); use '|' or '&', or where(b, 1, 0) to count")
                    : TypeResolution.Uniform(common, common, arity);

            case TypeRule.TrueDivision:
                {
                    DType result = common is DType.Bool or DType.Int32 or DType.Int64 ? DType.Float64 : common;
                    return TypeResolution.Uniform(result, result, arity);
                }

            case TypeRule.IntegerOrReal:
                return common == DType.Bool
                    ? TypeResolution.Fail($"{op.DisplayName} is not defined for bool operands")
                    : TypeResolution.Uniform(common, common, arity);

            case TypeRule.Power:
                return ResolvePower(op, operands, constants, common);

            case TypeRule.PowerByConstant:
                return ResolvePowerByConstant(operands[0], constants[1]!.Value);

            case TypeRule.Shift:
                return common.IsInteger()
                    ? TypeResolution.Uniform(common, common, arity)
                    : TypeResolution.Fail($"{op.DisplayName} needs integer operands ({Describe(operands)})");

            case TypeRule.Comparison:
                if (anyBytes && !allBytes)
                {
                    return TypeResolution.Fail($"byte strings can only be compared with byte strings ({Describe(operands)})");
                }

                return TypeResolution.Uniform(DType.Bool, common, arity);

            case TypeRule.Bitwise:
                return common == DType.Bool || common.IsInteger()
                    ? TypeResolution.Uniform(common, common, arity)
                    : TypeResolution.Fail($"{op.DisplayName} needs bool or integer operands ({Describe(operands)}); it is logical on bool and bitwise on integers");

            case TypeRule.Negate:
                return common == DType.Bool
                    ? TypeResolution.Fail("unary '-' is not defined for bool; use '~' for logical not")
                    : TypeResolution.Uniform(common, common, arity);

            case TypeRule.FloatFunction:
            case TypeRule.RealFunction:
                {
                    if (common == DType.Bool && !op.AcceptsBool)
                    {
                        return TypeResolution.Fail($"{op.DisplayName} is not defined for bool operands (as in NumPy)");
                    }

                    DType result = common switch
                    {
                        DType.Int32 or DType.Int64 => DType.Float64,
                        DType.Bool => DType.Float32,
                        _ => common,
                    };
                    return TypeResolution.Uniform(result, result, arity);
                }

            case TypeRule.Predicate:
                {
                    DType operand = common switch
                    {
                        DType.Bool or DType.Int32 or DType.Int64 => DType.Float64,
                        _ => common,
                    };
                    return TypeResolution.Uniform(DType.Bool, operand, arity);
                }

            case TypeRule.ComplexPart:
                return TypeResolution.Uniform(DType.Float64, common == DType.Complex128 ? DType.Complex128 : DType.Float64, arity);

            case TypeRule.MakeComplex:
                return TypeResolution.Uniform(DType.Complex128, DType.Float64, arity);

            case TypeRule.Conjugate:
                {
                    // NumExpr turns integers into float64 before applying the minimum kind, so conj(int) stays real.
                    DType result = common.IsInteger() ? DType.Float64 : DType.Complex128;
                    return TypeResolution.Uniform(result, result, arity);
                }

            case TypeRule.KindPreserving:
                {
                    DType result = common.IsInteger() ? DType.Float64 : common;
                    return TypeResolution.Uniform(result, result, arity);
                }

            case TypeRule.Extremum:
                return TypeResolution.Uniform(common, common, arity);

            case TypeRule.Where:
                {
                    if (operands[0] != DType.Bool)
                    {
                        return TypeResolution.Fail($"where() needs a bool condition, got {operands[0].Name()}; compare first, e.g. where(x != 0, a, b)");
                    }

                    DType? branches = DTypes.Common(operands[1], operands[2]);
                    if (branches is null)
                    {
                        return TypeResolution.Fail($"where() cannot mix byte strings and numbers ({operands[1].Name()}, {operands[2].Name()})");
                    }

                    if (branches == DType.Bytes)
                    {
                        return TypeResolution.Fail("where() is not defined for byte-string branches");
                    }

                    return new TypeResolution(branches.Value, [DType.Bool, branches.Value, branches.Value], null);
                }

            case TypeRule.Contains:
                return allBytes
                    ? TypeResolution.Uniform(DType.Bool, DType.Bytes, arity)
                    : TypeResolution.Fail($"contains() needs byte-string operands ({Describe(operands)})");

            case TypeRule.Reduction:
            case TypeRule.OrderedReduction:
                return operands[0] == DType.Bool
                    ? TypeResolution.Fail($"{op.DisplayName} is not defined for bool operands (as in NumExpr); use where(b, 1, 0)")
                    : TypeResolution.Uniform(operands[0], operands[0], arity);

            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.TypeRule, "type rule without a resolution");
        }
    }

    /// <summary>Whether <c>x ** exponent</c> is lowered to a multiplication chain (whole or half number, |c| ≤ 50).</summary>
    public static bool IsChainExponent(Scalar exponent)
    {
        if (exponent.Type is DType.Bytes or DType.Complex128)
        {
            return false;
        }

        double value = exponent.Type is DType.Bool or DType.Int32 or DType.Int64 ? exponent.Integer : exponent.Real;
        double twice = 2 * value;
        return Math.Abs(value) <= PowerChainLimit && Math.Floor(twice) == twice;
    }

    private static TypeResolution ResolvePower(OperatorInfo op, IReadOnlyList<DType> operands, IReadOnlyList<Scalar?> constants, DType common)
    {
        if (common == DType.Bool)
        {
            return TypeResolution.Fail($"{op.DisplayName} is not defined for bool operands");
        }

        bool integers = operands[0] is DType.Int32 or DType.Int64 && operands[1] is DType.Int32 or DType.Int64;
        if (integers && constants[1] is { } exponent && exponent.Integer < 0)
        {
            if (constants[0] is not null)
            {
                // Python folds constant integer powers exactly: 2**-1 is 0.5.
                return TypeResolution.Uniform(DType.Float64, DType.Float64, 2);
            }

            return TypeResolution.Fail("integers to negative integer powers are not allowed (as in NumPy); write the exponent as a float, e.g. x**-2.0");
        }

        return TypeResolution.Uniform(common, common, 2);
    }

    private static TypeResolution ResolvePowerByConstant(DType baseType, Scalar exponent)
    {
        double value = exponent.Type is DType.Bool or DType.Int32 or DType.Int64 ? exponent.Integer : exponent.Real;
        bool half = Math.Floor(value) != value;
        if (baseType == DType.Bool)
        {
            // NumExpr's chain needs no multiplication for b**0, b**1 and b**-1 (1 / b in int32); others need mul on bool.
            // NumExpr's chain needs no multiplication for b**0 and b**1; every other bool power would multiply bools.
            return value is 0 or 1
                ? new TypeResolution(DType.Bool, [DType.Bool, exponent.Type], null)
                : TypeResolution.Fail("'**' is not defined for bool operands (except the exponents 0 and 1)");
        }

        DType result = half && baseType.IsInteger() ? DType.Float64 : baseType;
        return new TypeResolution(result, [baseType, exponent.Type], null);
    }

    private static string Describe(IReadOnlyList<DType> operands) => string.Join(", ", operands.Select(t => t.Name()));
}
