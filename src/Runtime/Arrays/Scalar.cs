using System.Globalization;
using System.Numerics;
using System.Text;

namespace SlowSeries.Arrays;

/// <summary>
/// One value of any <see cref="DType"/>: a literal, a folded constant, or an element read by the reference evaluator.
/// Integers live in <see cref="Integer"/>, reals (float32 values already rounded to float) in <see cref="Real"/>.
/// </summary>
public readonly struct Scalar : IEquatable<Scalar>
{
    private readonly long integer;
    private readonly Complex complex;
    private readonly byte[]? bytes;

    private Scalar(DType type, long integer, Complex complex, byte[]? bytes)
    {
        Type = type;
        this.integer = integer;
        this.complex = complex;
        this.bytes = bytes;
    }

    /// <summary>The value's dtype.</summary>
    public DType Type { get; }

    /// <summary>The value as a bool (non-zero is true); meaningful for bool and integer values.</summary>
    public bool Boolean => integer != 0;

    /// <summary>The value of a bool, int32 or int64 scalar.</summary>
    public long Integer => integer;

    /// <summary>The value of a float32 or float64 scalar, or the real part of a complex one.</summary>
    public double Real => complex.Real;

    /// <summary>The value of a complex128 scalar (a real one has a zero imaginary part).</summary>
    public Complex Complex => complex;

    /// <summary>The bytes of a byte-string scalar (empty for other dtypes).</summary>
    public byte[] Bytes => bytes ?? [];

    /// <summary>A bool scalar.</summary>
    public static Scalar FromBool(bool value) => new(DType.Bool, value ? 1 : 0, default, null);

    /// <summary>An int32 scalar.</summary>
    public static Scalar FromInt32(int value) => new(DType.Int32, value, default, null);

    /// <summary>An int64 scalar.</summary>
    public static Scalar FromInt64(long value) => new(DType.Int64, value, default, null);

    /// <summary>A float32 scalar.</summary>
    public static Scalar FromFloat32(float value) => new(DType.Float32, 0, new Complex(value, 0), null);

    /// <summary>A float64 scalar.</summary>
    public static Scalar FromFloat64(double value) => new(DType.Float64, 0, new Complex(value, 0), null);

    /// <summary>A complex128 scalar.</summary>
    public static Scalar FromComplex(Complex value) => new(DType.Complex128, 0, value, null);

    /// <summary>A byte-string scalar.</summary>
    public static Scalar FromBytes(byte[] value) => new(DType.Bytes, 0, default, value);

    /// <summary>An integer of NumExpr's literal type: int32 when it fits, else int64.</summary>
    public static Scalar FromIntegerLiteral(long value) =>
        value is >= int.MinValue and <= int.MaxValue ? FromInt32((int)value) : FromInt64(value);

    /// <summary>
    /// Reads one literal of the expression language (<c>3</c>, <c>-2.5</c>, <c>1e-3</c>, <c>2j</c>, <c>True</c>,
    /// <c>b'hi'</c>), or an expression of literals that the language folds to one (<c>2*3.5</c>, <c>sin(1.0)</c>), with the
    /// language's own grammar and typing.
    /// </summary>
    /// <exception cref="ExpressionException">The text is not valid in the language (a syntax error, an unknown name).</exception>
    /// <exception cref="FormatException">The text is a valid expression that is not folded to one value (a reduction such as <c>sum(1)</c>).</exception>
    public static Scalar Parse(string text)
    {
        var bound = Language.Binding.Binder.Bind(text, Language.Syntax.ExpressionParser.Parse(text), new Dictionary<string, Language.Binding.VariableSignature>());
        return bound.Root is Language.Binding.BoundConstant constant
            ? constant.Value
            : throw new FormatException($"'{text}' is an expression, not one literal");
    }

    /// <summary>Converts with NumPy's <c>astype</c> semantics (wrapping integers, truncating reals).</summary>
    public Scalar CastTo(DType target)
    {
        if (target == Type)
        {
            return this;
        }

        if (Type == DType.Bytes || target == DType.Bytes)
        {
            throw new InvalidOperationException($"cannot convert {Type.Name()} to {target.Name()}");
        }

        switch (target)
        {
            case DType.Bool:
                return FromBool(Type switch
                {
                    DType.Int32 or DType.Int64 => integer != 0,
                    _ => complex != Complex.Zero,
                });
            case DType.Int32:
                return FromInt32(unchecked((int)AsInt64()));
            case DType.Int64:
                return FromInt64(AsInt64());
            case DType.Float32:
                return FromFloat32((float)AsDouble());
            case DType.Float64:
                return FromFloat64(AsDouble());
            case DType.Complex128:
                return FromComplex(Type == DType.Complex128 ? complex : new Complex(AsDouble(), 0));
            default:
                throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    private long AsInt64() => Type is DType.Bool or DType.Int32 or DType.Int64 ? integer : Language.Semantics.IntegerMath.TruncateToInt64(complex.Real);

    private double AsDouble() => Type is DType.Bool or DType.Int32 or DType.Int64 ? integer : complex.Real;

    /// <summary>Whether both have the same dtype and value (NaN equals NaN here, as a dictionary key needs).</summary>
    public bool Equals(Scalar other)
    {
        if (Type != other.Type)
        {
            return false;
        }

        return Type switch
        {
            DType.Bytes => SameBytes(Bytes, other.Bytes),
            DType.Bool or DType.Int32 or DType.Int64 => integer == other.integer,
            _ => complex.Equals(other.complex),
        };
    }

    private static bool SameBytes(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="obj"/> is a <see cref="Scalar"/> equal to this one.</summary>
    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    /// <summary>A hash consistent with <see cref="Equals(Scalar)"/>.</summary>
    public override int GetHashCode() => Type switch
    {
        DType.Bytes => Bytes.Length,
        DType.Bool or DType.Int32 or DType.Int64 => integer.GetHashCode(),
        _ => complex.GetHashCode(),
    };

    /// <summary>Whether both scalars are equal (<see cref="Equals(Scalar)"/>).</summary>
    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    /// <summary>Whether the scalars differ (<see cref="Equals(Scalar)"/>).</summary>
    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);

    /// <summary>Python-like text: <c>True</c>, <c>3</c>, <c>0.5</c>, <c>(1+2j)</c>, <c>b'ab'</c>.</summary>
    public override string ToString() => Type switch
    {
        DType.Bool => Boolean ? "True" : "False",
        DType.Int32 or DType.Int64 => integer.ToString(CultureInfo.InvariantCulture),
        DType.Float32 => FormatReal((float)complex.Real),
        DType.Float64 => FormatReal(complex.Real),
        DType.Complex128 => FormatComplex(complex),
        DType.Bytes => FormatBytes(Bytes),
        _ => "?",
    };

    /// <summary>A double as NumPy prints it (shortest round-trip digits, <c>nan</c>, <c>inf</c>).</summary>
    public static string FormatReal(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text : text + ".0";
    }

    private static string FormatReal(float value) =>
        float.IsNaN(value) || float.IsInfinity(value) ? FormatReal((double)value) : FormatFloat32(value);

    private static string FormatFloat32(float value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text : text + ".0";
    }

    private static string FormatComplex(Complex value)
    {
        string imaginary = FormatReal(Math.Abs(value.Imaginary));
        string sign = value.Imaginary < 0 || (value.Imaginary == 0 && BitConverter.DoubleToInt64Bits(value.Imaginary) < 0) ? "-" : "+";
        return $"({FormatReal(value.Real)}{sign}{imaginary}j)";
    }

    private static string FormatBytes(byte[] value)
    {
        var text = new StringBuilder("b'");
        foreach (byte b in value)
        {
            text.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\'' => "\\'",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                >= 32 and < 127 => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }

        return text.Append('\'').ToString();
    }
}
