using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>A cancellation request taken from the inbox: delivered in journal order like any outcome.</summary>
internal sealed class CancellationDelivery(WorkflowContext context, string messageId)
    : PendingOperation(new OperationKey(OperationIds.CancelRequest(messageId), "", 0), "cancel")
{
    public override void Deliver(JournalEntry entry) => context.ApplyCancellation(entry.Result);

    public override void Start(JournalEntry? recorded) => throw new InvalidOperationException("A cancellation is delivered, never started.");
}
