using System.Globalization;
using System.Text;
using SlowSeries.Arrays;
using Sprache;

namespace SlowSeries.Language.Syntax;

/// <summary>
/// Hand-written Sprache parsers for Python's number and string literals, whose rules (underscores, prefixes,
/// escapes) are easier to state as a scan than as combinators. Malformed literals throw <see cref="LexicalError"/>
/// at the exact place, since no other alternative could read them either.
/// </summary>
internal static class LexicalScanners
{
    public static readonly Parser<Scalar> Number = input =>
    {
        if (input.AtEnd || !(char.IsDigit(input.Current) || (input.Current == '.' && IsDigitAt(input.Source, input.Position + 1))))
        {
            return Result.Failure<Scalar>(input, "number expected", ["number"]);
        }

        string source = input.Source;
        int start = input.Position;
        int end = ScanNumber(source, start, out Scalar value);
        IInput rest = input is SourceInput text ? text.Skip(end - start) : input;
        while (rest.Position < end)
        {
            rest = rest.Advance();
        }

        return Result.Success(value, rest);
    };

    public static readonly Parser<Scalar> String = input =>
    {
        if (input.AtEnd)
        {
            return Result.Failure<Scalar>(input, "string expected", ["string"]);
        }

        string source = input.Source;
        int start = input.Position;
        int quoteAt = start;
        if (source[start] is 'b' or 'B' && start + 1 < source.Length && source[start + 1] is '\'' or '"')
        {
            quoteAt++;
        }

        if (source[quoteAt] is not ('\'' or '"'))
        {
            return Result.Failure<Scalar>(input, "string expected", ["string"]);
        }

        int end = ScanString(source, start, quoteAt, out byte[] bytes);
        IInput rest = input is SourceInput text ? text.Skip(end - start) : input;
        while (rest.Position < end)
        {
            rest = rest.Advance();
        }

        return Result.Success(Scalar.FromBytes(bytes), rest);
    };

    private static bool IsDigitAt(string source, int index) => index < source.Length && char.IsDigit(source[index]);

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int ScanNumber(string source, int start, out Scalar value)
    {
        int i = start;
        if (source[i] == '0' && i + 1 < source.Length && source[i + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            int radix = char.ToLowerInvariant(source[i + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            i += 2;
            int digitsStart = i;
            while (i < source.Length && (IsRadixDigit(source[i], radix) || source[i] == '_'))
            {
                i++;
            }

            string digits = source.Substring(digitsStart, i - digitsStart).Replace("_", "");
            if (digits.Length == 0 || (i < source.Length && IsIdentifierChar(source[i])))
            {
                throw new LexicalError("invalid number literal", i < source.Length ? i : start);
            }

            value = Scalar.FromIntegerLiteral(ParseRadix(digits, radix, start));
            return i;
        }

        bool isFloat = false;
        i = ScanDigits(source, i);
        if (i < source.Length && source[i] == '.')
        {
            isFloat = true;
            i = ScanDigits(source, i + 1);
        }

        if (i < source.Length && source[i] is 'e' or 'E')
        {
            int exponent = i + 1;
            if (exponent < source.Length && source[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (!IsDigitAt(source, exponent))
            {
                throw new LexicalError("invalid number literal: the exponent has no digits", exponent);
            }

            isFloat = true;
            i = ScanDigits(source, exponent);
        }

        bool imaginary = i < source.Length && source[i] is 'j' or 'J';
        string text = source.Substring(start, i - start).Replace("_", "");
        if (imaginary)
        {
            i++;
        }

        if (i < source.Length && IsIdentifierChar(source[i]))
        {
            throw new LexicalError($"invalid number literal: '{source[i]}' cannot follow a number", i);
        }

        if (imaginary)
        {
            value = Scalar.FromComplex(new System.Numerics.Complex(0, ParseDouble(text)));
        }
        else if (isFloat)
        {
            value = Scalar.FromFloat64(ParseDouble(text));
        }
        else
        {
            if (text.Length > 1 && text[0] == '0' && text.Any(c => c != '0'))
            {
                throw new LexicalError("leading zeros in a decimal integer are not allowed (use 0o for octal)", start);
            }

            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long integer))
            {
                throw new LexicalError("integer literal does not fit in 64 bits", start);
            }

            value = Scalar.FromIntegerLiteral(integer);
        }

        return i;
    }

    private static int ScanDigits(string source, int i)
    {
        while (i < source.Length && (char.IsDigit(source[i]) || (source[i] == '_' && IsDigitAt(source, i + 1) && i > 0 && char.IsDigit(source[i - 1]))))
        {
            i++;
        }

        return i;
    }

    private static double ParseDouble(string text) =>
        double.Parse(text.Length > 0 && text[0] == '.' ? "0" + text : text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool IsRadixDigit(char c, int radix) => radix switch
    {
        16 => Uri.IsHexDigit(c),
        8 => c is >= '0' and <= '7',
        _ => c is '0' or '1',
    };

    private static long ParseRadix(string digits, int radix, int position)
    {
        ulong value = 0;
        foreach (char c in digits)
        {
            ulong digit = (ulong)Convert.ToInt32(c.ToString(), 16);
            if (value > (ulong.MaxValue - digit) / (ulong)radix)
            {
                throw new LexicalError("integer literal does not fit in 64 bits", position);
            }

            value = (value * (ulong)radix) + digit;
        }

        if (value > long.MaxValue)
        {
            throw new LexicalError("integer literal does not fit in 64 bits", position);
        }

        return (long)value;
    }

    private static int ScanString(string source, int start, int quoteAt, out byte[] bytes)
    {
        char quote = source[quoteAt];
        var buffer = new List<byte>();
        int i = quoteAt + 1;
        while (true)
        {
            if (i >= source.Length || source[i] == '\n')
            {
                throw new LexicalError("unterminated string literal", start);
            }

            char c = source[i];
            if (c == quote)
            {
                bytes = buffer.ToArray();
                return i + 1;
            }

            if (c == '\\')
            {
                i = ScanEscape(source, i, buffer);
                continue;
            }

            if (c > 127)
            {
                throw new LexicalError("byte strings may only contain ASCII characters (use \\x escapes for other bytes)", i);
            }

            buffer.Add((byte)c);
            i++;
        }
    }

    private static int ScanEscape(string source, int backslash, List<byte> buffer)
    {
        if (backslash + 1 >= source.Length)
        {
            throw new LexicalError("unterminated string literal", backslash);
        }

        char kind = source[backslash + 1];
        switch (kind)
        {
            case 'n': buffer.Add((byte)'\n'); return backslash + 2;
            case 't': buffer.Add((byte)'\t'); return backslash + 2;
            case 'r': buffer.Add((byte)'\r'); return backslash + 2;
            case '0': buffer.Add(0); return backslash + 2;
            case '\\': case '\'': case '"': buffer.Add((byte)kind); return backslash + 2;
            case 'x':
                if (backslash + 3 < source.Length && Uri.IsHexDigit(source[backslash + 2]) && Uri.IsHexDigit(source[backslash + 3]))
                {
                    buffer.Add(Convert.ToByte(source.Substring(backslash + 2, 2), 16));
                    return backslash + 4;
                }

                throw new LexicalError("invalid \\x escape: two hex digits expected", backslash);
            default:
                // Python keeps unknown escapes as written.
                buffer.Add((byte)'\\');
                return backslash + 1;
        }
    }
}

/// <summary>A malformed literal, thrown from inside a scanner and turned into a syntax error by the parser.</summary>
internal sealed class LexicalError(string problem, int position) : Exception(problem)
{
    public int Position { get; } = position;
}
