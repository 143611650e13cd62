using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// The run of an accepted update: workflow code in a scope of its own, whose result (or failure) is journaled like
/// a scope's and then handed to the callers waiting for it. Unlike a scope, replay runs it again even when its result
/// is recorded (<paramref name="recorded"/>): what it did to the workflow's state is part of the state replay
/// rebuilds. Its inner operations replay from the journal, and the recorded result is not written again.
/// </summary>
internal sealed class PendingUpdate(InstanceRunner runner, string updateId, string updateName, Func<Task<object?>> body, JournalEntry? recorded)
    : PendingOperation(new OperationKey(OperationIds.UpdateRun(updateId), OperationIds.Update(updateId), 1), updateName)
{
    /// <summary>The body is workflow code: it must run during replay so its recorded inner operations are delivered.</summary>
    public override bool RunsDuringReplay => true;

    public override void Deliver(JournalEntry entry)
    {
        runner.Context.UpdateEnded();
        runner.Host.UpdateFinished(runner.InstanceId, updateId, entry);
    }

    // Called on the instance's scheduler, from the delivery of the update's acceptance.
    public override void Start(JournalEntry? recorded) => _ = RunBodyAsync();

    private async Task RunBodyAsync()
    {
        WorkflowContext.EnterScope(Key.Id, batch: null);
        string? json;
        try
        {
            var value = await body().ConfigureAwait(true);
            if (recorded is not null) return; // delivered by replay in journal order
            json = runner.Serializer.Serialize(value, value?.GetType() ?? typeof(object), $"result of update '{Name}' ({updateId}) of workflow instance '{runner.InstanceId}'");
        }
        catch (Exception ex)
        {
            if (recorded is not null) return;
            Record(JournalEntryStatus.Failed, null, WorkflowError.From(ex));
            return;
        }
        Record(JournalEntryStatus.Completed, json, null);
    }

    // Recorded off the workflow's scheduler, as a step's outcome is: the calling thread writes when the store is
    // idle, instead of handing the write to the store's writer thread. The caller waits for this write alone.
    private void Record(JournalEntryStatus status, string? json, WorkflowError? error) =>
        ThreadPool.UnsafeQueueUserWorkItem(_ => runner.Journal.RecordOutcome(this, status, json, error, 1), null);
}
