using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Dashboard.Api;

/// <summary>Where the API and the dashboard read instances (an inspector) and act on them (the engine's client, when there is one).</summary>
internal static class InstanceSource
{
    public static IWorkflowInspector Inspector(HttpContext context) =>
        context.RequestServices.GetService<IWorkflowInspector>()
        ?? context.RequestServices.GetService<IWorkflowClient>()
        ?? throw new InvalidOperationException(
            "The workflows dashboard found no IWorkflowInspector or IWorkflowClient in the services: call AddWorkflows (Workflows.Hosting) or register an IWorkflowInspector.");

    /// <summary>The client that acts on instances; null when only an inspector is registered (a read-only dashboard).</summary>
    public static IWorkflowClient? Client(HttpContext context) => context.RequestServices.GetService<IWorkflowClient>();
}
