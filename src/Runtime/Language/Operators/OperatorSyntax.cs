namespace SlowSeries.Language.Operators;

/// <summary>How an operation is written in an expression.</summary>
internal enum OperatorSyntax
{
    Prefix,
    Infix,
    Function,
    Reduction,

    /// <summary>Produced by lowering only; cannot be written.</summary>
    Internal,
}
