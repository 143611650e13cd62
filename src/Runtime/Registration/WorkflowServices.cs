using System.ComponentModel;

namespace Workflows;

/// <summary>Resolves the constructor arguments of generated workflow factories.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WorkflowServices
{
    /// <summary>
    /// The service of type <typeparamref name="TService"/> that the constructor of <paramref name="workflowType"/> needs.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no service provider, or it has no such service.</exception>
    public static TService Require<TService>(IServiceProvider? services, string workflowType) where TService : notnull
    {
        if (services is null)
            throw new InvalidOperationException(
                $"Workflow class '{workflowType}' needs a {typeof(TService).FullName} in its constructor, but the engine has no services: " +
                "set WorkflowEngineOptions.Services (AddWorkflows does this with Microsoft.Extensions.Hosting) or give the class a public parameterless constructor.");
        return services.GetService(typeof(TService)) is TService service
            ? service
            : throw new InvalidOperationException(
                $"Workflow class '{workflowType}' needs a {typeof(TService).FullName} in its constructor, but the engine's services have none registered.");
    }
}
