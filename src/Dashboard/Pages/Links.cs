namespace Workflows.Dashboard.Pages;

/// <summary>The dashboard's URLs; instance IDs go in the query string, escaped.</summary>
internal static class Links
{
    public static string Instance(string prefix, string instanceId, int? execution = null) =>
        $"{prefix}/instance?id={Uri.EscapeDataString(instanceId)}" + (execution is { } n ? $"&execution={n}" : "");

    public static string Raw(string prefix, string instanceId, int execution) =>
        $"{prefix}/instance/raw?id={Uri.EscapeDataString(instanceId)}&execution={execution}";

    public static string Action(string prefix, string action, string instanceId) =>
        $"{prefix}/instance/{action}?id={Uri.EscapeDataString(instanceId)}";

    public static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
