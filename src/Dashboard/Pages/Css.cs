namespace Workflows.Dashboard.Pages;

/// <summary>CSS class names of statuses, computed once per status instead of once per row.</summary>
internal static class Css
{
    private static readonly Dictionary<string, string> Statuses = Enum.GetNames<WorkflowStatus>().Concat(Enum.GetNames<WorkflowOperationStatus>()).Distinct()
        .ToDictionary(n => n, n => "status status-" + n.ToLowerInvariant(), StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Bars = Enum.GetNames<WorkflowOperationStatus>()
        .ToDictionary(n => n, n => "op-bar status-" + n.ToLowerInvariant(), StringComparer.Ordinal);

    public static string Status(string status) => Statuses.TryGetValue(status, out var css) ? css : "status";

    public static string Bar(string status) => Bars.TryGetValue(status, out var css) ? css : "op-bar";
}
