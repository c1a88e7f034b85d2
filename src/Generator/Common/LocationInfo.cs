using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SlowSeries.Generator.Common;

/// <summary>A source location as plain values (a <see cref="Location"/> holds its syntax tree, which models must not).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}

/// <summary>A diagnostic to report from the generator's output stage, as plain values.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments);
