using System.Text.Encodings.Web;
using System.Text.Json;

namespace Workflows.Dashboard.Pages;

/// <summary>
/// JSON payloads as people read them: indented, with characters such as '&lt;' and '+' as themselves instead of
/// \u escapes. The page encodes them as HTML like every other text, so a markup payload shows as text.
/// </summary>
internal static class Payloads
{
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions OneLine = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Indented(string json) => Reformat(json, Readable);

    /// <summary>On one line; JSON without escapes is already as readable as it gets and is returned as it is.</summary>
    public static string Line(string json) => json.Contains('\\', StringComparison.Ordinal) || json.Contains('\n', StringComparison.Ordinal)
        ? Reformat(json, OneLine)
        : json;

    private static string Reformat(string json, JsonSerializerOptions options)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, options);
        }
        catch (JsonException)
        {
            return json; // not JSON (a heartbeat's text): shown as it is
        }
    }
}
