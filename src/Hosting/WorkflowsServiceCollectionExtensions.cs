using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows;
using Workflows.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the workflow engine with a host.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="WorkflowEngine"/> (a singleton), <see cref="IWorkflowClient"/>, <see cref="WorkflowSchedules"/> and a hosted service
    /// that resumes unfinished instances at start and drains at stop. Settings are read from the
    /// <see cref="WorkflowsSettings.SectionName"/> configuration section, then <paramref name="configure"/> runs.
    /// Generated workflows run with their classes built from the container, one DI scope per workflow run, and log
    /// through the container's <see cref="ILoggerFactory"/>.
    /// </summary>
    /// <example><code>builder.Services.AddWorkflows(o => o.UseLiteDb("app.db"));</code></example>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, Action<WorkflowEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WorkflowsSettings>().Configure<IServiceProvider>((settings, provider) =>
            provider.GetService<IConfiguration>()?.GetSection(WorkflowsSettings.SectionName).Bind(settings));
        services.TryAddSingleton(provider => CreateEngine(provider, configure));
        services.TryAddSingleton<IWorkflowClient>(provider => provider.GetRequiredService<WorkflowEngine>().Client);
        services.TryAddSingleton<IWorkflowInspector>(provider => provider.GetRequiredService<WorkflowEngine>().Client);
        services.TryAddSingleton(provider => provider.GetRequiredService<WorkflowEngine>().Schedules);
        services.AddHostedService<WorkflowEngineService>();
        return services;
    }

    private static WorkflowEngine CreateEngine(IServiceProvider provider, Action<WorkflowEngineOptions>? configure)
    {
        var options = new WorkflowEngineOptions
        {
            Services = provider,
            LoggerFactory = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
        };
        var contentRoot = provider.GetService<IHostEnvironment>()?.ContentRootPath;
        provider.GetRequiredService<IOptions<WorkflowsSettings>>().Value.ApplyTo(options, contentRoot);
        configure?.Invoke(options);
        if (!options.HasStore)
            throw new InvalidOperationException(
                $"No checkpoint store is configured for the workflow engine: set \"{WorkflowsSettings.SectionName}:StorePath\" in configuration, " +
                "or call o.UseLiteDb(path) (or UseInMemory/UseStore) in AddWorkflows(o => ...).");
        return WorkflowEngine.Create(options);
    }
}
