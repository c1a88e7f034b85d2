using Microsoft.CodeAnalysis;

namespace SlowSeries.Generator.Vectorize;

/// <summary>A construct the lane translator cannot turn into vector code; the method falls back to scalar loops.</summary>
internal sealed class NotVectorizableException(SyntaxNode node, string construct) : Exception(construct)
{
    public SyntaxNode Node { get; } = node;

    public string Construct { get; } = construct;
}
