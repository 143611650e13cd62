namespace Workflows.Dashboard;

/// <summary>Authorization policies that <see cref="WorkflowsDashboardServiceCollectionExtensions.AddWorkflowsDashboard"/> defines.</summary>
public static class WorkflowsDashboardPolicies
{
    /// <summary>
    /// A policy every request meets, authenticated or not. Use it on a dashboard only reachable by the people who
    /// operate the app (bound to localhost, behind a VPN); anywhere else use a policy that requires a user.
    /// </summary>
    public const string Anyone = "Workflows.Anyone";
}
