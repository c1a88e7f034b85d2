namespace SlowSeries;

/// <summary>
/// How far a long evaluation has come, as reported to an <see cref="IProgress{T}"/> passed to
/// <see cref="NumExpr.Evaluate(string, object?, Arrays.NDArray?, IProgress{EvaluationProgress}?, CancellationToken)"/> or to a
/// generated <c>[Vectorize]</c> reduction: elements (or terms of a range) done out of the total, reported from the
/// worker threads at most once per percent and once at the end, never going backwards.
/// </summary>
/// <param name="Done">Elements (or terms) computed so far.</param>
/// <param name="Total">Elements (or terms) in the whole evaluation.</param>
public readonly record struct EvaluationProgress(long Done, long Total)
{
    /// <summary>The fraction done, from 0 to 1 (1 for an empty evaluation).</summary>
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;
}
