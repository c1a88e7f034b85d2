using SlowSeries.Language.Diagnostics;
using Sprache;

namespace SlowSeries.Language.Syntax;

/// <summary>
/// The parser's position in an expression's text: one object per position, made the first time the parser reaches it
/// and shared by every later visit (Sprache's own <see cref="Input"/> allocates a new position and a memo dictionary at
/// every step and every backtrack: a new 18-character expression cost 80 µs to parse). Line and column are worked out
/// only when a message asks for them.
/// </summary>
internal sealed class SourceInput : IInput
{
    private readonly SourceInput[] positions;

    private Dictionary<object, object>? memos;

    private SourceInput(string source, int position, SourceInput[] positions)
    {
        Source = source;
        Position = position;
        this.positions = positions;
    }

    /// <summary>The start of <paramref name="source"/>.</summary>
    public static SourceInput Start(string source) => At(source, 0, new SourceInput[source.Length + 1]);

    public string Source { get; }

    public int Position { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position == Source.Length;

    public int Line => Caret.LineAndColumn(Source, Position).Line;

    public int Column => Caret.LineAndColumn(Source, Position).Column;

    public IDictionary<object, object> Memos => memos ??= new Dictionary<object, object>();

    public IInput Advance() => AtEnd
        ? throw new InvalidOperationException("The input is already at the end of the source.")
        : At(Source, Position + 1, positions);

    /// <summary><paramref name="count"/> characters further on, in one step.</summary>
    public SourceInput Skip(int count) => At(Source, Position + count, positions);

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => (Source.GetHashCode() * 31) + Position;

    public override string ToString() => $"Line {Line}, Column {Column}";

    private static SourceInput At(string source, int position, SourceInput[] positions) =>
        positions[position] ??= new SourceInput(source, position, positions);
}
