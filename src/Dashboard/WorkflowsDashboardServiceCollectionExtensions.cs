using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Dashboard.Security;

namespace Workflows.Dashboard;

/// <summary>Registers what the dashboard and the HTTP API need.</summary>
public static class WorkflowsDashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard's and the API's services: their options (reads and actions denied until
    /// <paramref name="configure"/> names policies), authorization with <see cref="WorkflowsDashboardPolicies.Anyone"/>,
    /// antiforgery for the action forms and Razor component rendering. The instances come from the
    /// <see cref="IWorkflowInspector"/> (or <see cref="IWorkflowClient"/>) registered by <c>AddWorkflows</c>.
    /// </summary>
    public static IServiceCollection AddWorkflowsDashboard(this IServiceCollection services, Action<WorkflowsDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WorkflowsDashboardOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddAuthorizationBuilder().AddPolicy(WorkflowsDashboardPolicies.Anyone, policy => policy.RequireAssertion(_ => true));
        services.AddAntiforgery();
        services.TryAddSingleton<AccessCheck>();
        return services;
    }
}
