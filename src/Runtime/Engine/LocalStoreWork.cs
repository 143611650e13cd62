using Workflows.Diagnostics;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// An engine's work on a store no other engine shares: every unfinished instance is resumed at open, and one it let
/// go of waits in a local index until it is due or a message arrives.
/// </summary>
internal sealed class LocalStoreWork : IStoreWork
{
    private readonly WorkflowEngine _engine;
    private readonly WorkflowSet _workflows;
    private readonly SuspendedInstances _suspended;

    public LocalStoreWork(WorkflowEngine engine, WorkflowSet workflows)
    {
        _engine = engine;
        _workflows = workflows;
        _suspended = new SuspendedInstances(ResumeSuspendedAsync, engine.Runtime.Time);
    }

    public bool IsShared => false;

    public int SuspendedCount => _suspended.Count;

    /// <summary>Resumes every unfinished instance of the store; one whose workflow is not registered is reported as stalled.</summary>
    public async Task StartAsync()
    {
        var unfinished = await _engine.Store.ListInstancesAsync(WorkflowStatus.Running, _engine.Stopping).ConfigureAwait(false);
        // Every instance that ran when the process before died is recovered; after a clean stop, none is.
        var afterCrash = _engine.Store is IRecoveryAware { OpenedAfterCrash: true };
        if (unfinished.Count > 0) Log.Resuming(_engine.Logger, unfinished.Count);
        foreach (var instance in unfinished)
        {
            if (!_engine.TryGetWorkflow(instance.WorkflowName, out var definition))
            {
                var missing = _workflows.NotRegistered(instance.WorkflowName, instance.InstanceId);
                _engine.Stalled(instance.InstanceId, missing.Message);
                Log.CannotResume(_engine.Logger, missing, instance.InstanceId);
                continue;
            }
            await _engine.ResumeFromJournalAsync(instance, definition, afterStop: true, recovered: afterCrash, _engine.Stopping).ConfigureAwait(false);
        }
    }

    public WorkflowDefinition? FindWorkflow(string name) => _engine.GetWorkflow(name);

    public void RunNew(InstanceRecord instance, WorkflowDefinition definition) => _engine.StartRunner(instance, definition, []);

    public void RunNext(InstanceRecord instance) => _engine.StartRunner(instance, _engine.GetWorkflow(instance.WorkflowName), []);

    public void Wake(string instanceId) => _ = _suspended.WakeAsync(instanceId);

    public void LetGo(string instanceId, DateTime? wakeAt)
    {
        _suspended.Add(instanceId, wakeAt);
        _ = WakeIfMessagesWaitAsync(instanceId);
    }

    public bool RetryLater(string instanceId, DateTime retryAt, string why)
    {
        _engine.Stalled(instanceId, why);
        try
        {
            // Indexed before the runner goes, so a client waiting on the instance always finds one or the other.
            _suspended.Add(instanceId, retryAt);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false; // Stopping: the instance resumes when the store is opened again.
        }
    }

    public bool LostToAnotherWorker(Exception? reason) => false;

    public void RunnerGone(string instanceId, bool ended)
    {
    }

    public void Forget(string instanceId) => _suspended.Forget(instanceId);

    public Task? WhenWoken(string instanceId) => _suspended.WhenWoken(instanceId);

    public Task WhenChangedElsewhereAsync(string instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _suspended.DisposeAsync();

    /// <summary>Resumes an instance this engine let go of, from its journal, unless it ended or runs again meanwhile.</summary>
    private async Task ResumeSuspendedAsync(string instanceId)
    {
        try
        {
            var instance = await _engine.Store.GetInstanceAsync(instanceId, _engine.Stopping).ConfigureAwait(false);
            if (instance is not { Status: WorkflowStatus.Running } || _engine.TryGetRunner(instanceId, out _)) return;
            if (!_engine.TryGetWorkflow(instance.WorkflowName, out var definition)) return;
            await _engine.ResumeFromJournalAsync(instance, definition, afterStop: true, recovered: false, _engine.Stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping: the instance resumes when the store is opened again.
        }
    }

    // A message stored while the runner was letting go reached no one: it is in the inbox, so wake for it.
    private async Task WakeIfMessagesWaitAsync(string instanceId)
    {
        try
        {
            if ((await _engine.Store.LoadInboxAsync(instanceId, _engine.Stopping).ConfigureAwait(false)).Count > 0)
                await _suspended.WakeAsync(instanceId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping: the instance resumes when the store is opened again.
        }
    }
}
