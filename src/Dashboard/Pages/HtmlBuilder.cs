using System.Text;
using System.Text.Encodings.Web;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// Writes HTML for the pages' long lists (a timeline of thousands of operations, a page of instances) faster than a
/// component per row: every value goes through <see cref="HtmlEncoder"/>, only tag and attribute names (constants
/// of this assembly) are written as they are. The result is placed in a page as one markup fragment.
/// </summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder _html;

    /// <summary>A builder with room for about <paramref name="capacity"/> characters.</summary>
    public HtmlBuilder(int capacity = 4096) => _html = new StringBuilder(capacity);

    /// <summary>Opens <paramref name="tag"/>; add attributes, then <see cref="Content"/> or <see cref="Close"/>.</summary>
    public HtmlBuilder Start(string tag)
    {
        _html.Append('<').Append(tag);
        return this;
    }

    /// <summary>An attribute with an encoded value (skipped when the value is null).</summary>
    public HtmlBuilder Attr(string name, string? value)
    {
        if (value is null) return this;
        _html.Append(' ').Append(name).Append("=\"");
        _html.Append(HtmlEncoder.Default.Encode(value));
        _html.Append('"');
        return this;
    }

    /// <summary>Ends the start tag.</summary>
    public HtmlBuilder Content()
    {
        _html.Append('>');
        return this;
    }

    /// <summary>Encoded text.</summary>
    public HtmlBuilder Text(string? value)
    {
        if (value is not null) _html.Append(HtmlEncoder.Default.Encode(value));
        return this;
    }

    /// <summary>Ends the start tag, writes <paramref name="text"/> encoded and closes <paramref name="tag"/>.</summary>
    public HtmlBuilder TextElement(string tag, string? text) => Content().Text(text).Close(tag);

    /// <summary>The end tag of <paramref name="tag"/>.</summary>
    public HtmlBuilder Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A status badge.</summary>
    public HtmlBuilder Badge(string status) => Start("span").Attr("class", Css.Status(status)).TextElement("span", status);

    public override string ToString() => _html.ToString();
}
