using Workflows.Diagnostics;
using Workflows.Execution;
using Workflows.Storage;

namespace Workflows;

/// <summary>The engine as its instance runners see it: other instances (children, parents, the next execution) and letting go.</summary>
internal sealed class EngineInstanceHost(WorkflowEngine engine) : IInstanceHost
{
    public WorkflowDefinition? FindWorkflow(string name) =>
        engine.Shared is not null ? (engine.TryGetWorkflow(name, out var definition) ? definition : null) : engine.GetWorkflow(name);

    public void StartInstance(InstanceRecord instance)
    {
        // On a shared store a new instance (a child) waits for the first worker with room to claim it; the next
        // execution of an instance leased here stays here.
        if (engine.Shared is { } shared && !((ISharedCheckpointStore)engine.Store).HoldsLease(instance.InstanceId)) shared.Kick();
        else engine.StartRunner(instance, engine.GetWorkflow(instance.WorkflowName), []);
    }

    public void Deliver(InboxMessage message) => engine.DeliverOrWake(message);

    public Task CancelAsync(string instanceId, string? reason) => engine.Client.CancelAsync(instanceId, reason);

    public Task TerminateAsync(string instanceId, string? reason) => engine.Client.TerminateAsync(instanceId, reason);

    public void Suspend(InstanceRunner runner, DateTime? wakeAt)
    {
        engine.Forget(runner.InstanceId, runner);
        Log.Suspended(engine.Logger, runner.InstanceId, wakeAt);
        if (engine.Shared is { } shared)
        {
            _ = shared.ReleaseAsync(runner.InstanceId, wakeAt);
            return;
        }
        engine.Suspended.Add(runner.InstanceId, wakeAt);
        _ = WakeIfMessagesWaitAsync(runner.InstanceId);
    }

    // A message stored while the runner was letting go reached no one: it is in the inbox, so wake for it.
    private async Task WakeIfMessagesWaitAsync(string instanceId)
    {
        try
        {
            if ((await engine.Store.LoadInboxAsync(instanceId, engine.Stopping).ConfigureAwait(false)).Count > 0)
                await engine.Suspended.WakeAsync(instanceId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping: the instance resumes when the store is opened again.
        }
    }
}
