using Workflows.Serialization;
using Workflows.Storage;

namespace Workflows;

/// <summary>The engine as its client sees it.</summary>
internal sealed class EngineClientAccess(WorkflowEngine engine) : IClientEngine
{
    // The client waits for the store's instances to be resumed, not for the declared schedules, which it sets up.
    public Task Ready => engine.Resumed;

    public ICheckpointStore Store => engine.Store;

    public PayloadSerializer Serializer => engine.Runtime.Serializer;

    public TimeProvider Time => engine.Runtime.Time;

    public bool IsShared => engine.Work.IsShared;

    public bool IsStopping => engine.IsStopping;

    public WorkflowDefinition GetWorkflow(string name) => engine.GetWorkflow(name);

    public void Run(InstanceRecord instance, WorkflowDefinition definition) => engine.Work.RunNew(instance, definition);

    public void Deliver(InboxMessage message) => engine.DeliverOrWake(message);

    public bool TryDeliverLive(InboxMessage message) =>
        engine.TryGetRunner(message.InstanceId, out var runner) && runner.HaltReason is null && runner.Inbox.TryDeliver(message);

    public void Terminated(InstanceRecord record)
    {
        if (engine.TryGetRunner(record.InstanceId, out var runner))
        {
            runner.Terminated(record);
            engine.Forget(record.InstanceId, runner);
        }
        engine.Work.Forget(record.InstanceId);
    }

    public string? StalledReason(string instanceId) => engine.StalledReason(instanceId);

    public void Suspended(InstanceRecord record)
    {
        // The runner winds down and lets go of the instance itself, once its step attempts in flight are recorded.
        if (engine.TryGetRunner(record.InstanceId, out var runner)) runner.Lifecycle.Suspended(record);
        engine.Work.Forget(record.InstanceId);
    }

    public bool HasRunner(string instanceId) => engine.TryGetRunner(instanceId, out _);

    public void Resumed(InstanceRecord record)
    {
        if (engine.Work.IsShared)
        {
            engine.Work.Wake(record.InstanceId);
            return;
        }
        _ = engine.SuspendedRuns.ResumedAsync(record.InstanceId);
    }

    public Task<object?> QueryAsync(string instanceId, string queryName, WorkflowDefinition definition, Func<object?, object?> read, CancellationToken cancellationToken) =>
        engine.Queries.RunAsync(instanceId, queryName, definition, read, cancellationToken);

    public Task<JournalEntry> RegisterUpdate(string instanceId, string updateId) => engine.Updates.Register(instanceId, updateId);

    public void ForgetUpdate(string instanceId, string updateId) => engine.Updates.Forget(instanceId, updateId);

    public Task WhenChangedElsewhereAsync(string instanceId, CancellationToken cancellationToken) =>
        engine.Work.WhenChangedElsewhereAsync(instanceId, cancellationToken);

    /// <inheritdoc />
    public async Task FollowLocalRunsAsync(string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (engine.TryGetRunner(instanceId, out var runner))
            {
                InstanceRecord ended;
                try
                {
                    ended = await runner.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (CheckpointStoreException ex) when (ex.Error == CheckpointStoreError.WriteFailed && !engine.IsStopping)
                {
                    // The engine resumes the instance once the store writes again: keep waiting for its end.
                    await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (CheckpointStoreException ex) when (ex.Error == CheckpointStoreError.LeaseLost)
                {
                    return; // Another worker runs it now.
                }
                if (ended.Status.IsTerminal()) return;
                continue; // it continued as new or was suspended: follow it to its next runner
            }
            if (engine.Work.WhenWoken(instanceId) is not { } woken) return;
            await woken.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
