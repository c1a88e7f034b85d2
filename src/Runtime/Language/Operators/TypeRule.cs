namespace SlowSeries.Language.Operators;

/// <summary>How an operation's result dtype follows from its operands' dtypes (see <see cref="TypeRules"/>).</summary>
internal enum TypeRule
{
    /// <summary><c>+ - *</c>: common kind; bool-only operands rejected (NumExpr has no opcode for them).</summary>
    Arithmetic,

    /// <summary><c>/</c>: common kind, with bool and integers promoted to float64.</summary>
    TrueDivision,

    /// <summary><c>// %</c>: common kind; bool-only and complex rejected.</summary>
    IntegerOrReal,

    /// <summary><c>**</c>: common kind; integers to negative constant integer powers rejected.</summary>
    Power,

    /// <summary>The lowered constant power: the base's kind, float64 for integers raised to half powers.</summary>
    PowerByConstant,

    /// <summary><c>&lt;&lt; &gt;&gt;</c>: integers only.</summary>
    Shift,

    /// <summary>Comparisons: bool result; complex only for == and !=; byte strings only with byte strings.</summary>
    Comparison,

    /// <summary><c>&amp; | ^ ~</c>: logical on bool, bitwise on integers.</summary>
    Bitwise,

    /// <summary>Unary minus: numbers except bool.</summary>
    Negate,

    /// <summary>NumExpr's <c>func(f, 'float')</c>: integers → float64, bool → float32, else the common kind.</summary>
    FloatFunction,

    /// <summary>NumExpr's <c>func(f, 'float', 'double')</c>: as <see cref="FloatFunction"/>, complex rejected.</summary>
    RealFunction,

    /// <summary><c>isnan</c> and friends: real or complex input, bool result.</summary>
    Predicate,

    /// <summary><c>real imag</c>: float64 result.</summary>
    ComplexPart,

    /// <summary><c>complex(re, im)</c>: complex128 result.</summary>
    MakeComplex,

    /// <summary><c>conj</c>: complex128 result.</summary>
    Conjugate,

    /// <summary><c>abs copy ones_like</c>: NumExpr's <c>func(f)</c>: integers → float64, otherwise the operand's kind.</summary>
    KindPreserving,

    /// <summary><c>maximum minimum</c>: common kind, integers stay integers (NumPy); complex rejected.</summary>
    Extremum,

    /// <summary><c>where(cond, x, y)</c>: cond is bool, result is the common kind of x and y.</summary>
    Where,

    /// <summary><c>contains(haystack, needle)</c>: byte strings, bool result.</summary>
    Contains,

    /// <summary><c>sum prod</c>: the operand's kind; bool rejected.</summary>
    Reduction,

    /// <summary><c>min max</c>: the operand's kind; bool and complex rejected.</summary>
    OrderedReduction,
}
