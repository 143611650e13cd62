using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// A child workflow start: creates (or, after a restart, finds) the child instance and ends as soon as it durably
/// exists, with a handle to it. The child runs on independently: it sends no completion back, and the parent's
/// end, cancellation or termination does not reach it.
/// </summary>
internal sealed class PendingChildStart<TInput>(InstanceRunner runner, OperationKey key, string workflowName, string childInstanceId, TInput input)
    : PendingChild(runner, key, workflowName, childInstanceId, ParentClosePolicy.Abandon)
{
    private readonly TaskCompletionSource<ChildWorkflowHandle> _outcome = new();

    public Task<ChildWorkflowHandle> Task => _outcome.Task;

    public override Task Awaited => Task;

    public override bool EndsOnStart => true;

    public override InstanceRecord ChildRecord() =>
        ChildRecord(definition => Runner.Serializer.Serialize(input, definition?.InputType ?? typeof(TInput), $"input of child workflow '{ChildInstanceId}'"));

    public override void Deliver(JournalEntry entry)
    {
        if (entry.Status == JournalEntryStatus.Completed)
        {
            _outcome.SetResult(new ChildWorkflowHandle(ChildInstanceId, Name));
            return;
        }
        var error = entry.Error ?? new WorkflowError("Unknown", "The child could not be started, and no error was recorded.", null);
        _outcome.SetException(error.IsCancellation
            ? new OperationCanceledException($"Starting child workflow '{ChildInstanceId}' of instance '{Runner.InstanceId}' ({Key.Id}) was cancelled: {error.Message}")
            : new ChildWorkflowException(Runner.InstanceId, Key.Id, ChildInstanceId, error));
    }
}
