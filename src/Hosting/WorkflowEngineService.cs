using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Workflows.Hosting;

/// <summary>
/// Runs the engine with the host: at start it opens the store and resumes every unfinished instance; at stop it lets
/// the step attempts in flight finish within the host's shutdown timeout, commits their results, and closes the store.
/// </summary>
/// <remarks>
/// The engine is resolved in <see cref="StartAsync"/>, not injected: creating it resumes instances, which must wait
/// until the hosted services registered earlier (a tracer provider, for one) have started.
/// </remarks>
internal sealed class WorkflowEngineService(IServiceProvider services) : IHostedService
{
    private WorkflowEngine? _engine;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _engine = services.GetRequiredService<WorkflowEngine>();
        return _engine.Ready.WaitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _engine?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
