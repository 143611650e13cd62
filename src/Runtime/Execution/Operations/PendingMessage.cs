using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// An event sent to another instance, exactly once: the message is stored in the target's inbox in the same commit
/// that journals the send, so a sender that crashes and replays finds the send recorded and never sends again. When
/// the target does not exist or has finished, the failure is journaled instead and replays as the same exception.
/// </summary>
internal sealed class PendingMessage(InstanceRunner runner, OperationKey key, InboxMessage message)
    : PendingOperation(key, WorkflowContext.SendName)
{
    private readonly TaskCompletionSource _outcome = new();
    private WorkflowError? _refused;

    public Task Task => _outcome.Task;

    public override Task Awaited => Task;

    public InboxMessage Message => message;

    /// <summary>The target refused the message (live): what is journaled and delivered instead of the queued success.</summary>
    public void Refused(WorkflowError error) => _refused = error;

    public override void Deliver(JournalEntry entry)
    {
        if (entry.Status == JournalEntryStatus.Completed && _refused is null)
        {
            _outcome.SetResult();
            return;
        }
        var error = _refused ?? entry.Error ?? new WorkflowError("Unknown", "The send failed without a recorded error.", null);
        _outcome.SetException(new WorkflowException(
            $"Event '{message.EventName}' sent by workflow instance '{runner.InstanceId}' ({Key.Id}) was not delivered to '{message.InstanceId}': {error.Message}"));
    }

    public override void Start(JournalEntry? recorded) => runner.Journal.RecordSend(this);
}
