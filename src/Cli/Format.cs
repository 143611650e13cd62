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

    public static string Status(WorkflowStatus status) => $"[{StatusColor(status)}]{status}[/]";

    public static string StatusColor(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Completed => "green",
        WorkflowStatus.Failed => "red",
        WorkflowStatus.Running => "blue",
        _ => "yellow",
    };

    /// <summary>A payload shortened to one line for a tree, markup escaped.</summary>
    public static string Payload(string? json, int max = 80) => Markup.Escape(Line(json, max));

    /// <summary>A payload shortened to one line.</summary>
    public static string Line(string? json, int max = 80)
    {
        if (json is null) return "";
        var line = json.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    /// <summary>An operation's kind as a word: "step", "fan-out", "event wait".</summary>
    public static string Kind(WorkflowOperationKind kind) => kind switch
    {
        WorkflowOperationKind.EventWait => "event wait",
        WorkflowOperationKind.ChildWorkflow => "child",
        WorkflowOperationKind.FanOut => "fan-out",
        WorkflowOperationKind.FanOutItem => "item",
        WorkflowOperationKind.CancelRequest => "cancel request",
        var other => other.ToString().ToLowerInvariant(),
    };
}
