using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Workflows.Generator.Diagnostics;

/// <summary>A source location as plain data.</summary>
internal sealed record SourceSpan(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceSpan? From(Location? location)
    {
        if (location is null || !location.IsInSource) return null;
        var lineSpan = location.GetLineSpan();
        return new SourceSpan(lineSpan.Path ?? "", location.SourceSpan, lineSpan.Span);
    }

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
