using System.Globalization;
using Spectre.Console;

namespace Workflows.Cli;

/// <summary>How values look in tables and trees.</summary>
internal static class Format
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Offset(TimeSpan offset) => offset.TotalSeconds < 100
        ? $"+{offset.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s"
        : $"+{offset.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)}";

    public static string Status(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Completed => "[green]Completed[/]",
        WorkflowStatus.Failed => "[red]Failed[/]",
        WorkflowStatus.Running => "[blue]Running[/]",
        _ => $"[yellow]{status}[/]",
    };

    /// <summary>A payload shortened to one line for a tree or table.</summary>
    public static string Payload(string? json, int max = 80)
    {
        if (json is null) return "";
        var line = json.ReplaceLineEndings(" ");
        return Markup.Escape(line.Length <= max ? line : line[..(max - 1)] + "…");
    }
}
