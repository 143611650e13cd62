using Microsoft.Extensions.Hosting;

namespace Workflows.Hosting;

/// <summary>
/// Runs the engine with the host: at start it opens the store and resumes every unfinished instance; at stop it lets
/// the step attempts in flight finish within the host's shutdown timeout, commits their results, and closes the store.
/// </summary>
internal sealed class WorkflowEngineService(WorkflowEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => engine.Ready.WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => engine.StopAsync(cancellationToken);
}
