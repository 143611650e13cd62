namespace Workflows.Dashboard;

/// <summary>
/// Who may use the dashboard and the HTTP API. Both deny by default: reads need <see cref="ReadPolicy"/>, actions
/// (cancel, terminate, suspend, resume, raise event) need <see cref="WritePolicy"/>, each the name of an ASP.NET Core
/// authorization policy the host defines. <see cref="WorkflowsDashboardPolicies.Anyone"/> lets everyone in (local use).
/// </summary>
public sealed class WorkflowsDashboardOptions
{
    /// <summary>The authorization policy a request needs to read instances; null denies every read (the default).</summary>
    public string? ReadPolicy { get; set; }

    /// <summary>The authorization policy a request needs to act on instances; null denies every action (the default).</summary>
    public string? WritePolicy { get; set; }

    /// <summary>How often a page of a running instance refreshes itself; 2 seconds by default.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
