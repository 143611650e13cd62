using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// An update taken from the inbox: its acceptance is journaled in arrival order like a signal, and its delivery
/// starts the update's run (<see cref="PendingUpdate"/>) on the workflow object, live and again on replay.
/// </summary>
internal sealed class UpdateAcceptance(InstanceRunner runner, string updateId, string updateName)
    : PendingOperation(new OperationKey(OperationIds.Update(updateId), "", 0), updateName)
{
    public override void Deliver(JournalEntry entry)
    {
        var what = $"update '{Name}' ({updateId}) of workflow instance '{runner.InstanceId}'";
        Func<Task<object?>> body;
        if (!runner.Definition.Updates.TryGetValue(Name, out var update))
            body = () => throw new WorkflowException($"Workflow instance '{runner.InstanceId}' ({runner.WorkflowName}) accepted {what}, but its code has no [Update] handler of that name any more.");
        else if (runner.Lifecycle.WorkflowObject is not { } workflow)
            body = () => throw new WorkflowException($"Workflow '{runner.WorkflowName}' is not a method of an object, so it cannot run {what}.");
        else
            body = () => update.InvokeAsync(workflow, update.Decode(runner.Serializer, entry.Result, what));
        runner.Context.StartUpdate(updateId, Name, body);
    }

    public override void Start(JournalEntry? recorded) => throw new InvalidOperationException("An update is accepted from the inbox, never started.");
}
