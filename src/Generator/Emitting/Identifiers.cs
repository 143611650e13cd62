using System.Text;

namespace Workflows.Generator.Emitting;

/// <summary>Turns names into C# identifiers.</summary>
internal static class Identifiers
{
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name) builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        if (builder.Length == 0 || char.IsDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }
}
