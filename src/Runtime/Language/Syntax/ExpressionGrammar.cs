using SlowSeries.Arrays;
using SlowSeries.Language.Operators;
using Sprache;

namespace SlowSeries.Language.Syntax;

/// <summary>
/// The Sprache grammar of NumExpr's expression language: Python's expression syntax restricted to literals, names,
/// calls, and the operators of <see cref="OperatorTable"/>, with Python's precedence. Chains are parsed with loops
/// (binary operators by precedence climbing, whose recursion is as deep as the precedence levels; <c>XMany</c>
/// elsewhere) so long inputs cannot overflow the stack; only parentheses recurse, and the parser bounds their depth
/// before it starts. The rules every operand passes through are scanned by hand on Sprache's parser and result types
/// (its combinators build parsers and lists at every match).
/// </summary>
internal static class ExpressionGrammar
{
    private static readonly HashSet<string> UnsupportedKeywords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "if", "else", "lambda", "in", "is", "for", "await", "yield",
    };

    /// <summary>A name: a letter or '_', then letters, digits and '_' (scanned, not combined: this runs for every operand).</summary>
    private static readonly Parser<string> Identifier = input =>
    {
        string source = input.Source;
        int start = input.Position;
        if (start >= source.Length || !(char.IsLetter(source[start]) || source[start] == '_'))
        {
            return Result.Failure<string>(input, "letter expected", ["letter"]);
        }

        int end = start + 1;
        while (end < source.Length && (char.IsLetterOrDigit(source[end]) || source[end] == '_'))
        {
            end++;
        }

        return Result.Success(source.Substring(start, end - start), Advance(input, end - start));
    };

    private static readonly Parser<Spanned<string>> SpannedIdentifier = Identifier.WithSpan().Spaced();

    // Not Parse.Ref: it memoizes each result in the input position's Memos and throws on revisiting a failure, and the
    // positions of a SourceInput are shared by every path that reaches them. (Expression is initialised further down.)
    private static readonly Parser<SyntaxNode> ExpressionReference = input => Expression!(input);

    private static readonly Parser<char> AssignSign = Parse.Char('=').Spaced().Then(_ => NotASecondEqualsSign);

    private static readonly Parser<char> NotASecondEqualsSign = Parse.Not(Parse.Char('=')).Return('=');

    private static readonly Parser<char> OpenParenthesis = Parse.Char('(').Spaced();

    private static readonly Parser<char> CloseParenthesis = Parse.Char(')').Spaced().Named("')'");

    private static readonly Parser<char> CallClose = Parse.Char(')').Spaced().Named("',' or ')'");

    private static readonly Parser<IOption<char>> TrailingComma = Parse.Char(',').Spaced().Optional();

    private static readonly Parser<char> Dot = Parse.Char('.').Spaced();

    private static readonly Parser<SyntaxNode> Literal =
        LexicalScanners.Number.Or(LexicalScanners.String).WithSpan()
            .Select(s => (SyntaxNode)new LiteralSyntax(s.Value, s.Span))
            .Spaced();

    // The parsers a rule applies after its first are fields, built once: written inline after a query's first 'from',
    // Sprache builds them again at every match (a 16-character expression allocated 75 KB to parse).
    private static readonly Parser<KeywordArgumentSyntax> KeywordArgument =
        from name in SpannedIdentifier
        from assign in AssignSign
        from value in ExpressionReference
        select new KeywordArgumentSyntax(name.Value, value, name.Span.Cover(value.Span));

    private static readonly Parser<Either> Argument =
        KeywordArgument.Select(k => new Either(null, k))
            .Or(ExpressionReference.Select(e => new Either(e, null)));

    /// <summary>A comma that another argument follows (a trailing comma before ')' is left to the caller).</summary>
    private static readonly Parser<char> ArgumentSeparator = input =>
    {
        string source = input.Source;
        int i = input.Position;
        while (i < source.Length && char.IsWhiteSpace(source[i]))
        {
            i++;
        }

        int next = i + 1;
        while (next < source.Length && char.IsWhiteSpace(source[next]))
        {
            next++;
        }

        return i < source.Length && source[i] == ',' && !(next < source.Length && source[next] == ')')
            ? Result.Success(',', Advance(input, next - input.Position))
            : Result.Failure<char>(input, "',' expected", ["','"]);
    };

    private static readonly Parser<IEnumerable<Either>> MoreArguments = ArgumentSeparator.Then(_ => Argument).XMany();

    private static readonly Parser<IEnumerable<Either>> ArgumentList =
        (from first in Argument
         from rest in MoreArguments
         from trailing in TrailingComma
         select new[] { first }.Concat(rest))
        .Or(Parse.Return(Enumerable.Empty<Either>()));

    private static readonly Parser<SyntaxNode> NameOrCall = input =>
    {
        var name = SpannedIdentifier(input);
        if (!name.WasSuccessful)
        {
            return Result.Failure<SyntaxNode>(name.Remainder, name.Message, name.Expectations);
        }

        string text = name.Value.Value;
        TextSpan span = name.Value.Span;
        if (UnsupportedKeywords.Contains(text))
        {
            throw new LexicalError(KeywordProblem(text), span.Start);
        }

        var open = OpenParenthesis(name.Remainder);
        if (!open.WasSuccessful)
        {
            SyntaxNode leaf = text switch
            {
                "True" => new LiteralSyntax(Scalar.FromBool(true), span),
                "False" => new LiteralSyntax(Scalar.FromBool(false), span),
                "None" => throw new LexicalError("None is not a value in NumExpr expressions", span.Start),
                _ => new NameSyntax(text, span),
            };
            return Result.Success(leaf, name.Remainder);
        }

        var arguments = ArgumentList(open.Remainder);
        if (!arguments.WasSuccessful)
        {
            return Result.Failure<SyntaxNode>(arguments.Remainder, arguments.Message, arguments.Expectations);
        }

        var close = CallClose(arguments.Remainder);
        if (!close.WasSuccessful)
        {
            return Result.Failure<SyntaxNode>(close.Remainder, close.Message, close.Expectations);
        }

        var positional = arguments.Value.Where(a => a.Positional is not null).Select(a => a.Positional!).ToList();
        var keywords = arguments.Value.Where(a => a.Keyword is not null).Select(a => a.Keyword!).ToList();
        var call = new CallSyntax(text, span, positional, keywords, TextSpan.FromBounds(span.Start, close.Remainder.Position));
        return Result.Success<SyntaxNode>(call, close.Remainder);
    };

    /// <summary>
    /// A parenthesized expression: its inner node with the span widened to the parentheses, so that the text of
    /// <c>(a + b) * (a - c)</c> (in plans, explanations and error messages) is what the user wrote, not <c>a + b) * (a - c</c>.
    /// </summary>
    private static readonly Parser<SyntaxNode> Parenthesized = input =>
    {
        var open = OpenParenthesis(input);
        if (!open.WasSuccessful)
        {
            return Result.Failure<SyntaxNode>(open.Remainder, open.Message, open.Expectations);
        }

        var inner = ExpressionReference(open.Remainder);
        if (!inner.WasSuccessful)
        {
            return inner;
        }

        var close = CloseParenthesis(inner.Remainder);
        if (!close.WasSuccessful)
        {
            return Result.Failure<SyntaxNode>(close.Remainder, close.Message, close.Expectations);
        }

        // Operand chose this parser at the '(' itself; the ')' is the last character before the whitespace after it.
        int end = close.Remainder.Position;
        while (char.IsWhiteSpace(input.Source[end - 1]))
        {
            end--;
        }

        return Result.Success(inner.Value with { Span = TextSpan.FromBounds(input.Position, end) }, close.Remainder);
    };

    private static readonly string[] OperandExpected = ["operand (number, name, string, call or '(')"];

    /// <summary>
    /// A literal, a name or call, or a parenthesized expression, chosen by the first character (a 'b' before a quote starts
    /// a bytes literal, any other a name); failing where it starts, it expects an operand.
    /// </summary>
    private static readonly Parser<SyntaxNode> Operand = input =>
    {
        char first = input.AtEnd ? '\0' : input.Current;
        var result = first == '(' ? Parenthesized(input)
            : char.IsLetter(first) || first == '_' ? (first is 'b' or 'B' && Literal(input) is { WasSuccessful: true } bytes ? bytes : NameOrCall(input))
            : Literal(input);
        return result.WasSuccessful || !result.Remainder.Equals(input) ? result : Result.Failure<SyntaxNode>(input, result.Message, OperandExpected);
    };

    private static readonly Parser<SyntaxNode> Primary = WithAttributes(Operand);

    private static readonly OperatorInfo[] Attributes = OperatorTable.All.Where(op => op.AlsoAttribute).ToArray();

    /// <summary>
    /// An operand followed by any number of attributes (<c>(a - 10).real</c>, as NumExpr and Python write them): each is
    /// a call of the table's function of that name on what precedes it, so the binder sees <c>real(a - 10)</c>.
    /// </summary>
    private static Parser<SyntaxNode> WithAttributes(Parser<SyntaxNode> operand) => input =>
    {
        var result = operand(input);
        while (result.WasSuccessful)
        {
            var dot = Dot(result.Remainder);
            if (!dot.WasSuccessful)
            {
                return result;
            }

            var name = SpannedIdentifier(dot.Remainder);
            if (!name.WasSuccessful)
            {
                return Result.Failure<SyntaxNode>(dot.Remainder, "attribute name expected after '.'", Attributes.Select(a => "'" + a.Name + "'"));
            }

            var attribute = Attributes.FirstOrDefault(a => a.Name == name.Value.Value)
                ?? throw new LexicalError($"unknown attribute '.{name.Value.Value}'; expressions have {string.Join(", ", Attributes.Select(a => "'." + a.Name + "'"))}", name.Value.Span.Start);
            var call = new CallSyntax(attribute.Name, name.Value.Span, [result.Value], [], result.Value.Span.Cover(name.Value.Span));
            result = Result.Success<SyntaxNode>(call, name.Remainder);
        }

        return result;
    };

    private static readonly OperatorInfo UnaryPlus =
        new(Operation.Add, "+", OperatorSyntax.Prefix, 1, Precedence.Unary, TypeRule.Arithmetic, true, "unary plus: the operand unchanged");

    private static readonly Parser<Spanned<OperatorInfo>> PrefixOperator = Symbol(OperatorTable.PrefixOperators.Append(UnaryPlus));

    private static readonly Parser<Spanned<OperatorInfo>> PowerOperator = Symbol(OperatorTable.InfixAt(Precedence.Power));

    /// <summary>
    /// <c>prefix* primary ('**' prefix* primary)*</c>, folded from the right: <c>-2**-1**2</c> is <c>-(2**(-(1**2)))</c>.
    /// </summary>
    private static readonly Parser<SyntaxNode> Unary = input =>
    {
        List<(List<Spanned<OperatorInfo>>? Prefixes, SyntaxNode Operand)>? items = null;
        List<Spanned<OperatorInfo>>? powers = null;
        while (true)
        {
            List<Spanned<OperatorInfo>>? prefixes = null;
            for (var prefix = PrefixOperator(input); prefix.WasSuccessful; prefix = PrefixOperator(input))
            {
                (prefixes ??= []).Add(prefix.Value);
                input = prefix.Remainder;
            }

            var operand = Primary(input);
            if (!operand.WasSuccessful)
            {
                return operand;
            }

            var power = PowerOperator(operand.Remainder);
            if (items is null && prefixes is null && !power.WasSuccessful)
            {
                // The common case: a bare operand.
                return operand;
            }

            (items ??= []).Add((prefixes, operand.Value));
            if (!power.WasSuccessful)
            {
                return Result.Success(FoldPowers(items, powers ?? []), operand.Remainder);
            }

            (powers ??= []).Add(power.Value);
            input = power.Remainder;
        }
    };

    private static readonly Parser<Spanned<OperatorInfo>> InfixOperator =
        Symbol(OperatorTable.All.Where(op => op.Syntax == OperatorSyntax.Infix && op.Precedence is >= Precedence.BitwiseOr and <= Precedence.Multiplicative));

    /// <summary>
    /// The left-associative operators from <c>|</c> to <c>* / // %</c>, by precedence climbing: an operand, then each
    /// operator binding at least as tightly as <paramref name="loosest"/> with its right side parsed at the next level
    /// (so the recursion is as deep as the precedence levels, not as the expression is long).
    /// </summary>
    private static IResult<SyntaxNode> Binary(IInput input, Precedence loosest)
    {
        var left = Unary(input);
        while (left.WasSuccessful)
        {
            var op = InfixOperator(left.Remainder);
            if (!op.WasSuccessful || op.Value.Value.Precedence < loosest)
            {
                return left;
            }

            var right = Binary(op.Remainder, op.Value.Value.Precedence + 1);
            if (!right.WasSuccessful)
            {
                return right;
            }

            var node = new BinarySyntax(op.Value.Value, left.Value, right.Value, op.Value.Span, left.Value.Span.Cover(right.Value.Span));
            left = Result.Success<SyntaxNode>(node, right.Remainder);
        }

        return left;
    }

    private static readonly Parser<SyntaxNode> BitwiseOr = input => Binary(input, Precedence.BitwiseOr);

    private static readonly Parser<Spanned<OperatorInfo>> ComparisonOperator = Symbol(OperatorTable.InfixAt(Precedence.Comparison));

    /// <summary>One comparison at most: NumExpr rejects Python's chained comparisons (they need <c>and</c>).</summary>
    private static readonly Parser<SyntaxNode> Comparison = input =>
    {
        var left = BitwiseOr(input);
        if (!left.WasSuccessful)
        {
            return left;
        }

        var op = ComparisonOperator(left.Remainder);
        if (!op.WasSuccessful)
        {
            return left;
        }

        var right = BitwiseOr(op.Remainder);
        if (!right.WasSuccessful)
        {
            return right;
        }

        var second = ComparisonOperator(right.Remainder);
        if (second.WasSuccessful)
        {
            throw new LexicalError("chained comparisons are not supported; combine them with '&', e.g. (a < b) & (b < c)", second.Value.Span.Start);
        }

        var node = new BinarySyntax(op.Value.Value, left.Value, right.Value, op.Value.Span, left.Value.Span.Cover(right.Value.Span));
        return Result.Success<SyntaxNode>(node, right.Remainder);
    };

    public static readonly Parser<SyntaxNode> Expression = Comparison;

    public static readonly Parser<SyntaxNode> Whole =
        from leading in Parse.WhiteSpace.Many()
        from expression in Expression
        from end in Parse.WhiteSpace.Many().End().Named("operator or end of expression")
        select expression;

    /// <summary>The message for a Python keyword that NumExpr's language does not have, or null for other words.</summary>
    public static string? UnsupportedKeywordProblem(string word) => UnsupportedKeywords.Contains(word) ? KeywordProblem(word) : null;

    private static string KeywordProblem(string keyword) => keyword switch
    {
        "and" => "'and' is not supported; use '&' (and parenthesize comparisons)",
        "or" => "'or' is not supported; use '|' (and parenthesize comparisons)",
        "not" => "'not' is not supported; use '~'",
        "if" or "else" => "conditional expressions are not supported; use where(cond, x, y)",
        _ => $"'{keyword}' is not supported in NumExpr expressions",
    };

    /// <summary>
    /// One of <paramref name="operators"/>, with surrounding whitespace. Hand-written so that a failed match consumes
    /// nothing (Sprache's <c>String</c> consumes a partial match, which would break the <c>XMany</c> loops), and so
    /// that a symbol never matches the start of a longer one (<c>*</c> in <c>**</c>, <c>&lt;</c> in <c>&lt;&lt;</c>).
    /// </summary>
    private static Parser<Spanned<OperatorInfo>> Symbol(IEnumerable<OperatorInfo> operators)
    {
        // Loops, not LINQ: its instantiations over tuples and int keys are compiled by the JIT in every fresh process.
        var allSymbols = new List<string>();
        foreach (var op in OperatorTable.All)
        {
            if (op.Syntax is OperatorSyntax.Infix or OperatorSyntax.Prefix && !allSymbols.Contains(op.Name))
            {
                allSymbols.Add(op.Name);
            }
        }

        // Longest first, each with the longer symbols it begins (so that '<' does not match the start of '<<').
        var ordered = OperatorTable.LongestFirst(operators);
        var candidates = new SymbolCandidate[ordered.Count];
        var expected = new string[ordered.Count];
        for (int k = 0; k < ordered.Count; k++)
        {
            var op = ordered[k];
            candidates[k] = new SymbolCandidate(op, allSymbols.FindAll(other => other.Length > op.Name.Length && other.StartsWith(op.Name, StringComparison.Ordinal)).ToArray());
            expected[k] = "'" + op.Name + "'";
        }

        return input =>
        {
            string source = input.Source;
            int start = input.Position;
            while (start < source.Length && char.IsWhiteSpace(source[start]))
            {
                start++;
            }

            foreach (var (op, longer) in candidates)
            {
                if (!Matches(source, start, op.Name) || PartOfLonger(source, start, longer))
                {
                    continue;
                }

                int end = start + op.Name.Length;

                int next = end;
                while (next < source.Length && char.IsWhiteSpace(source[next]))
                {
                    next++;
                }

                return Result.Success(new Spanned<OperatorInfo>(op, new TextSpan(start, op.Name.Length)), Advance(input, next - input.Position));
            }

            return Result.Failure<Spanned<OperatorInfo>>(input, "operator expected", expected);
        };
    }

    private sealed record SymbolCandidate(OperatorInfo Operator, string[] Longer);

    private static bool PartOfLonger(string source, int position, string[] longer)
    {
        foreach (string other in longer)
        {
            if (Matches(source, position, other))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string source, int position, string text) =>
        position + text.Length <= source.Length && string.CompareOrdinal(source, position, text, 0, text.Length) == 0;

    private static IInput Advance(IInput input, int count)
    {
        if (input is SourceInput source)
        {
            return source.Skip(count);
        }

        for (int i = 0; i < count; i++)
        {
            input = input.Advance();
        }

        return input;
    }

    private static SyntaxNode FoldPowers(List<(List<Spanned<OperatorInfo>>? Prefixes, SyntaxNode Operand)> items, List<Spanned<OperatorInfo>> powers)
    {
        // Operands and the prefixes written before each: p0 x0 ** p1 x1 ** p2 x2 == p0(x0 ** p1(x1 ** p2(x2))).
        SyntaxNode result = ApplyPrefixes(items[items.Count - 1].Prefixes, items[items.Count - 1].Operand);
        for (int i = items.Count - 2; i >= 0; i--)
        {
            var op = powers[i];
            result = new BinarySyntax(op.Value, items[i].Operand, result, op.Span, items[i].Operand.Span.Cover(result.Span));
            result = ApplyPrefixes(items[i].Prefixes, result);
        }

        return result;
    }

    private static SyntaxNode ApplyPrefixes(List<Spanned<OperatorInfo>>? prefixes, SyntaxNode operand)
    {
        for (int i = (prefixes?.Count ?? 0) - 1; i >= 0; i--)
        {
            var prefix = prefixes![i];
            if (ReferenceEquals(prefix.Value, UnaryPlus))
            {
                // Unary '+' leaves its operand as it is (Python's __pos__ in NumExpr).
                continue;
            }

            // -5 is a literal in NumExpr (constant nodes negate eagerly); the binder folds it the same way.
            operand = new UnarySyntax(prefix.Value, operand, prefix.Span.Cover(operand.Span));
        }

        return operand;
    }

    private static Parser<Spanned<T>> WithSpan<T>(this Parser<T> parser) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful
            ? Result.Success(new Spanned<T>(result.Value, TextSpan.FromBounds(input.Position, result.Remainder.Position)), result.Remainder)
            : Result.Failure<Spanned<T>>(result.Remainder, result.Message, result.Expectations);
    };

    /// <summary>
    /// <paramref name="parser"/> with the whitespace around it (Sprache's <c>Token</c>, without building its parsers and
    /// lists again at every match).
    /// </summary>
    private static Parser<T> Spaced<T>(this Parser<T> parser) => input =>
    {
        var result = parser(SkipWhiteSpace(input));
        return result.WasSuccessful ? Result.Success(result.Value, SkipWhiteSpace(result.Remainder)) : result;
    };

    private static IInput SkipWhiteSpace(IInput input)
    {
        string source = input.Source;
        int end = input.Position;
        while (end < source.Length && char.IsWhiteSpace(source[end]))
        {
            end++;
        }

        return Advance(input, end - input.Position);
    }

    /// <summary>A positional argument or a keyword argument.</summary>
    private sealed record Either(SyntaxNode? Positional, KeywordArgumentSyntax? Keyword);
}
