using Workflows.Storage;

namespace Workflows;

// Running an instance again from a point of its journal: reset, fork, retry, then run here at once.
public sealed partial class WorkflowClient
{
    /// <inheritdoc />
    public async Task ResetAsync(string instanceId, string operationId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await ThrowIfWindingDownAsync(instanceId, "reset", cancellationToken).ConfigureAwait(false);
        var next = await new InstanceReruns(_engine.Store).ResetAsync(instanceId, operationId, reason, cancellationToken).ConfigureAwait(false);
        await RunAsync(next, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RetryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var next = await new InstanceReruns(_engine.Store).RetryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await RunAsync(next, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ForkAsync(string instanceId, string fromOperationId, string newInstanceId, CancellationToken cancellationToken = default)
    {
        await ThrowIfWindingDownAsync(instanceId, "fork", cancellationToken).ConfigureAwait(false);
        var fork = await new InstanceReruns(_engine.Store).ForkAsync(instanceId, fromOperationId, newInstanceId, cancellationToken).ConfigureAwait(false);
        await RunAsync(fork, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(InstanceRecord rerun, CancellationToken cancellationToken)
    {
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        // The run that ended the replaced execution leaves the engine just after its end is recorded: the next run
        // starts only once it is gone (a run still here would be taken for one that already runs the instance).
        for (var looks = 0; _engine.HasRunner(rerun.InstanceId) && looks < 1000; looks++)
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken).ConfigureAwait(false);
        _engine.Resumed(rerun);
    }

    // A suspended instance's run may still be recording its step attempts in flight into the execution being replaced.
    private async Task ThrowIfWindingDownAsync(string instanceId, string verb, CancellationToken cancellationToken)
    {
        if (!_engine.HasRunner(instanceId)) return;
        // A run that ended is gone in a moment and writes nothing more; only a suspended one may still record outcomes.
        if ((await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false)).Status == WorkflowStatus.Suspended)
            throw new InvalidOperationException($"Cannot {verb} workflow instance '{instanceId}' yet: its run is still winding down after the suspension (step attempts in flight are finishing). Try again in a moment.");
    }
}
