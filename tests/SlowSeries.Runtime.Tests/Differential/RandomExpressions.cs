using System.Globalization;
using System.Numerics;
using SlowSeries.Arrays;

namespace SlowSeries.Runtime.Tests.Differential;

/// <summary>
/// A seeded source of random well-typed NumExpr expressions and the arrays they read: every dtype (bool, int32, int64,
/// float32, float64, complex128) in every shape the language takes (0-d, empty, broadcast column against row, strided
/// views), values from every class (ordinary, tiny, huge, subnormal, ±0, ±Inf, NaN).
/// </summary>
/// <remarks>
/// Expressions avoid what crashes or is undefined in C rather than wrong: integer division and remainder only by
/// nonzero literals other than −1 (NumExpr's C division traps on zero and on int.MinValue / −1), shifts only by small
/// literal counts. Every operator has an operand that reads a variable, so no subexpression is a constant Python would
/// fold with its own rules (it turns <c>(1.5 - 8) ** 0.5</c> into a complex number).
/// </remarks>
internal sealed class RandomExpressions
{
    public const int Length = 257;

    private const int Rows = 3;

    private static readonly string[] FloatFunctions =
    [
        "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh",
        "log", "log10", "log1p", "exp", "expm1", "sqrt", "abs", "floor", "ceil",
    ];

    private static readonly string[] FloatBinaryFunctions = ["arctan2", "hypot", "fmod", "copysign", "maximum", "minimum"];

    // Not abs: of a complex it is complex in NumExpr (the magnitude in the real part) and float in NumPy, the reference
    // where NumExpr 2.8 lacks a function. Not log1p: near 0 theirs loses digits ours keeps (README, documented
    // differences). The fixed corpus and RealMathTests cover both.
    private static readonly string[] ComplexFunctions = ["sqrt", "exp", "log", "sin", "cos", "tanh", "conj", "expm1", "tan", "sinh", "cosh", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "log10"];

    private static readonly string[] Comparisons = ["<", "<=", "==", "!=", ">", ">="];

    private static readonly string[] FloatLiterals = ["0.5", "2.5", "-1.75", "1e-3", "3.0", "100.0"];

    private static readonly string[] IntLiterals = ["2", "3", "7", "-4", "1000"];

    private static readonly string[] Divisors = ["3", "7", "-4", "2", "10"];

    // No half powers but 0.5: NumExpr computes x ** 2.5 as x·x·sqrt(x), NaN at −∞ where NumPy's pow (the reference
    // when NumExpr 2.8 lacks another function of the expression) gives ∞; the fixed corpus covers them.
    private static readonly string[] Exponents = ["2", "3", "0.5", "-1", "1.7", "-2.3"];

    /// <summary>Shape families: the variable suffixes one expression may mix (they broadcast together).</summary>
    private static readonly string[][] Families = [["", "s", "0"], ["col", "", "0"], ["e", "0"], ["0"]];

    private readonly Random random;
    private string[] family = Families[0];

    public RandomExpressions(int seed) => random = new Random(seed);

    private enum Kind
    {
        Bool,
        Int,
        Float,
        Complex,
    }

    /// <summary>The arrays the expressions read, by name: a type letter (b i l f d c) and a shape suffix.</summary>
    public IReadOnlyDictionary<string, NDArray> CreateInputs()
    {
        var inputs = new Dictionary<string, NDArray>(StringComparer.Ordinal);
        Add(inputs, "b", () => Scalar.FromBool(random.Next(2) == 0));
        Add(inputs, "i", () => Scalar.FromInt32(RandomInt32()));
        Add(inputs, "l", () => Scalar.FromInt64(RandomInt64()));
        Add(inputs, "f", () => Scalar.FromFloat32((float)RandomDouble()));
        Add(inputs, "d", () => Scalar.FromFloat64(RandomDouble()));
        Add(inputs, "c", () => Scalar.FromComplex(new Complex(RandomDouble(), RandomDouble())));
        return inputs;
    }

    /// <summary>The next expression: of any kind, its variables from one shape family.</summary>
    public string Next()
    {
        family = Families[random.Next(Families.Length)];
        var kind = (Kind)random.Next(4);
        return Generate(kind, 1 + random.Next(4)).Text;
    }

    private static void Add(Dictionary<string, NDArray> inputs, string letter, Func<Scalar> element)
    {
        NDArray Filled(Shape shape)
        {
            var array = NDArray.Zeros(element().Type, shape);
            for (long k = 0; k < shape.Size; k++)
            {
                array.SetAt(k, element());
            }

            return array;
        }

        inputs[letter] = Filled(new Shape(Length));
        inputs[letter + "0"] = Filled(Shape.Scalar);
        inputs[letter + "col"] = Filled(new Shape(Rows, 1));
        inputs[letter + "e"] = Filled(new Shape(0));

        // Every other element of a buffer twice as long, starting at its second: a strided view, not a copy.
        var buffer = Filled(new Shape(2 * Length));
        inputs[letter + "s"] = buffer.View(new Shape(Length), [2], 1);
    }

    private (string Text, bool ReadsVariable) Generate(Kind kind, int depth)
    {
        if (depth <= 0 || random.Next(5) == 0)
        {
            return Leaf(kind);
        }

        return kind switch
        {
            Kind.Bool => BoolNode(depth),
            Kind.Int => IntNode(depth),
            Kind.Float => FloatNode(depth),
            _ => ComplexNode(depth),
        };
    }

    private (string Text, bool ReadsVariable) Leaf(Kind kind)
    {
        bool literal = kind != Kind.Bool && random.Next(4) == 0;
        if (literal)
        {
            string text = kind switch
            {
                Kind.Int => Pick(IntLiterals),
                Kind.Float => Pick(FloatLiterals),
                _ => Pick(["1.5j", "(2-0.5j)"]),
            };
            return (text, false);
        }

        string letter = kind switch
        {
            Kind.Bool => "b",
            Kind.Int => Pick(["i", "l"]),
            Kind.Float => Pick(["f", "d"]),
            _ => "c",
        };
        return (letter + Pick(family), true);
    }

    private (string Text, bool ReadsVariable) BoolNode(int depth)
    {
        switch (random.Next(4))
        {
            case 0:
            case 1:
                var real = random.Next(2) == 0 ? Kind.Float : Kind.Int;
                return Binary(Generate(real, depth - 1), Pick(Comparisons), Generate(Pick([real, Kind.Float, Kind.Int]), depth - 1));
            case 2:
                return Binary(Generate(Kind.Bool, depth - 1), Pick(["&", "|"]), Generate(Kind.Bool, depth - 1));
            default:
                var operand = Generate(Kind.Bool, depth - 1);
                return ($"~({operand.Text})", operand.ReadsVariable);
        }
    }

    private (string Text, bool ReadsVariable) IntNode(int depth)
    {
        var left = Generate(Kind.Int, depth - 1);
        switch (random.Next(6))
        {
            case 0:
            case 1:
                return Binary(left, Pick(["+", "-", "*"]), Generate(Kind.Int, depth - 1));
            case 2:
                return Binary(WithVariable(left, Kind.Int), Pick(["//", "%"]), (Pick(Divisors), false));
            case 3:
                return Binary(WithVariable(left, Kind.Int), "**", (Pick(["2", "3"]), false));
            case 4:
                return Where(Kind.Int, depth);
            default:
                return ($"-({left.Text})", left.ReadsVariable);
        }
    }

    private (string Text, bool ReadsVariable) FloatNode(int depth)
    {
        switch (random.Next(9))
        {
            case 0:
            case 1:
                return Binary(Generate(Kind.Float, depth - 1), Pick(["+", "-", "*", "/"]), Generate(Pick([Kind.Float, Kind.Float, Kind.Int]), depth - 1));
            case 2:
            case 3:
                var argumentKind = Pick([Kind.Float, Kind.Float, Kind.Int]);
                var argument = WithVariable(Generate(argumentKind, depth - 1), argumentKind);
                // abs of an integer stays an integer in NumPy and becomes float64 in NumExpr (so abs(int.MinValue) differs).
                string function = argumentKind == Kind.Int ? Pick(FloatFunctions.Where(f => f != "abs").ToList()) : Pick(FloatFunctions);
                return ($"{function}({argument.Text})", true);
            case 4:
                var first = WithVariable(Generate(Kind.Float, depth - 1), Kind.Float);
                string binary = Pick(FloatBinaryFunctions);
                // copysign's sign source is an input: a computed NaN's sign is unspecified (IEEE), an input's is its bits.
                var second = binary == "copysign" ? WithVariable(Leaf(Kind.Float), Kind.Float) : Generate(Kind.Float, depth - 1);
                return ($"{binary}({first.Text}, {second.Text})", true);
            case 5:
                var exponent = Generate(Kind.Float, depth - 1);
                return Binary(WithVariable(Generate(Kind.Float, depth - 1), Kind.Float), "**", exponent.ReadsVariable && random.Next(3) == 0 ? exponent : (Pick(Exponents), false));
            case 6:
                return Where(Kind.Float, depth);
            case 7:
                var complex = WithVariable(Generate(Kind.Complex, depth - 1), Kind.Complex);
                return random.Next(2) == 0 ? ($"real({complex.Text})", true) : ($"({complex.Text}).imag", true);
            default:
                var negated = Generate(Kind.Float, depth - 1);
                return ($"-({negated.Text})", negated.ReadsVariable);
        }
    }

    private (string Text, bool ReadsVariable) ComplexNode(int depth)
    {
        switch (random.Next(4))
        {
            case 0:
            case 1:
                return Binary(Generate(Kind.Complex, depth - 1), Pick(["+", "-", "*", "/"]), Generate(Pick([Kind.Complex, Kind.Float, Kind.Int]), depth - 1));
            case 2:
                var argument = WithVariable(Generate(Kind.Complex, depth - 1), Kind.Complex);
                return ($"{Pick(ComplexFunctions)}({argument.Text})", true);
            default:
                var real = WithVariable(Generate(Kind.Float, depth - 1), Kind.Float);
                return ($"complex({real.Text}, {Generate(Kind.Float, depth - 1).Text})", true);
        }
    }

    private (string Text, bool ReadsVariable) Where(Kind kind, int depth)
    {
        // One branch reads a variable: NumPy types a pair of Python ints as int64 where NumExpr makes them int32.
        var condition = WithVariable(Generate(Kind.Bool, depth - 1), Kind.Bool);
        var first = Generate(kind, depth - 1);
        var second = Generate(kind, depth - 1);
        return ($"where({condition.Text}, {first.Text}, {(first.ReadsVariable ? second : WithVariable(second, kind)).Text})", true);
    }

    private (string Text, bool ReadsVariable) Binary((string Text, bool ReadsVariable) left, string operation, (string Text, bool ReadsVariable) right)
    {
        if (!left.ReadsVariable && !right.ReadsVariable)
        {
            // Two constants: Python would fold them with its own rules (see the remarks); make the left one a variable.
            left = Leaf(left.Text.Contains('j', StringComparison.Ordinal) ? Kind.Complex : left.Text.Contains('.', StringComparison.Ordinal) || left.Text.Contains('e', StringComparison.Ordinal) ? Kind.Float : Kind.Int) is { ReadsVariable: true } variable
                ? variable
                : (Pick(["d", "l"]) + Pick(family), true);
        }

        return ($"({left.Text} {operation} {right.Text})", true);
    }

    private (string Text, bool ReadsVariable) WithVariable((string Text, bool ReadsVariable) operand, Kind kind) =>
        operand.ReadsVariable ? operand : (kind switch { Kind.Int => Pick(["i", "l"]), Kind.Float => Pick(["f", "d"]), Kind.Complex => "c", _ => "b" } + Pick(family), true);

    private T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    private int RandomInt32() => random.Next(8) switch
    {
        0 => random.Next(),
        1 => -random.Next(),
        2 => Pick([0, 1, -1, int.MaxValue, int.MinValue]),
        _ => random.Next(-1000, 1000),
    };

    private long RandomInt64() => random.Next(8) switch
    {
        0 => random.NextInt64(),
        1 => -random.NextInt64(),
        2 => Pick([0L, 1L, -1L, long.MaxValue, long.MinValue, 1L << 40]),
        _ => random.NextInt64(-100_000, 100_000),
    };

    /// <summary>Mostly ordinary magnitudes; one in four from the edges of the format.</summary>
    private double RandomDouble() => random.Next(16) switch
    {
        0 => Pick([0.0, -0.0, 1.0, -1.0]),
        1 => Pick([double.PositiveInfinity, double.NegativeInfinity, double.NaN]),
        2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-320, 308)), // tiny (subnormal too) to huge
        3 => double.Parse(((random.NextDouble() * 2) - 1).ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), // in [-1, 1]: arcsin's domain
        _ => (random.NextDouble() - 0.5) * 20,
    };
}
