using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>A cancellation request taken from the inbox: delivered in journal order like any outcome.</summary>
internal sealed class CancellationDelivery(WorkflowContext context, string messageId)
    : PendingOperation(new OperationKey(OperationIdFor(messageId), "", 0), "cancel")
{
    private const string Prefix = "!cancel/";

    public static string OperationIdFor(string messageId) => Prefix + messageId;

    public static string MessageIdOf(string operationId) => operationId[Prefix.Length..];

    public override void Deliver(JournalEntry entry) => context.ApplyCancellation(entry.Result);

    public override void Start(JournalEntry? recorded) => throw new InvalidOperationException("A cancellation is delivered, never started.");
}
