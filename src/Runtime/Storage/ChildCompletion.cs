using Workflows.Identity;

namespace Workflows.Storage;

/// <summary>The message that tells a parent its child ended, written atomically with the child's terminal record.</summary>
internal static class ChildCompletion
{
    public static InboxMessage? MessageFor(InstanceRecord child)
    {
        if (child.ParentInstanceId is not { } parent || !child.Status.IsTerminal() || OperationIds.IsStartedChild(child.ParentOperationId)) return null;
        return new InboxMessage
        {
            MessageId = MessageIds.ChildCompletion(child.InstanceId),
            InstanceId = parent,
            Kind = InboxMessageKind.ChildCompleted,
            OperationId = child.ParentOperationId,
            Execution = child.ParentExecution,
            Payload = child.Status == WorkflowStatus.Completed ? child.Output : null,
            Error = child.Status switch
            {
                WorkflowStatus.Completed => null,
                WorkflowStatus.Failed => child.Error ?? new WorkflowError("Unknown", "The child failed without a recorded error.", null),
                WorkflowStatus.Canceled => new WorkflowError(typeof(OperationCanceledException).FullName!, $"The child was cancelled{Reason(child)}.", null),
                WorkflowStatus.TimedOut => new WorkflowError(typeof(WorkflowTimedOutException).FullName!, $"The child timed out{Reason(child)}.", null),
                _ => new WorkflowError(typeof(WorkflowTerminatedException).FullName!, $"The child was terminated{Reason(child)}.", null),
            },
            ReceivedAt = InboxClock.Next(),
        };
    }

    private static string Reason(InstanceRecord child) => child.StatusReason is { } why ? ": " + why : "";
}
