using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// A signal taken from the inbox: delivered in journal order like any outcome, by invoking its handler on the
/// workflow object. A handler that throws, or a signal the code no longer handles, halts the instance as it is.
/// </summary>
internal sealed class SignalDelivery(InstanceRunner runner, string messageId, string signalName)
    : PendingOperation(new OperationKey(OperationIds.Signal(messageId), "", 0), signalName)
{
    public override void Deliver(JournalEntry entry)
    {
        var what = $"signal '{Name}' of workflow instance '{runner.InstanceId}'";
        try
        {
            if (!runner.Definition.Signals.TryGetValue(Name, out var signal))
                throw new WorkflowException($"Workflow instance '{runner.InstanceId}' ({runner.WorkflowName}) received signal '{Name}', but its code has no [Signal] handler of that name any more.");
            if (runner.Lifecycle.WorkflowObject is not { } workflow)
                throw new WorkflowException($"Workflow '{runner.WorkflowName}' is not a method of an object, so it cannot handle {what}.");
            signal.Invoke(workflow, signal.Decode(runner.Serializer, entry.Result, what));
        }
        catch (Exception ex)
        {
            runner.Halt(new WorkflowException(
                $"The handler of {what} failed: {ex.Message} The instance was left as it is: fix the handler and restart to resume it.", ex));
        }
    }

    public override void Start(JournalEntry? recorded) => throw new InvalidOperationException("A signal is delivered, never started.");
}
