using Workflows.Diagnostics;
using Workflows.Execution;
using Workflows.Storage;

namespace Workflows;

/// <summary>The engine as its instance runners see it: other instances (children, parents, the next execution) and letting go.</summary>
internal sealed class EngineInstanceHost(WorkflowEngine engine) : IInstanceHost
{
    public WorkflowDefinition? FindWorkflow(string name) => engine.Work.FindWorkflow(name);

    public void StartInstance(InstanceRecord instance) => engine.Work.RunNext(instance);

    public void Deliver(InboxMessage message) => engine.DeliverOrWake(message);

    public void UpdateFinished(string instanceId, string updateId, JournalEntry outcome) => engine.Updates.Finished(instanceId, updateId, outcome);

    public Task CancelAsync(string instanceId, string? reason) => engine.Client.CancelAsync(instanceId, reason);

    public Task TerminateAsync(string instanceId, string? reason) => engine.Client.TerminateAsync(instanceId, reason);

    public Task WoundDownAsync(InstanceRunner runner) => engine.SuspendedRuns.WoundDownAsync(runner);

    public void Suspend(InstanceRunner runner, DateTime? wakeAt)
    {
        engine.Forget(runner.InstanceId, runner);
        Log.Suspended(engine.Logger, runner.InstanceId, wakeAt);
        engine.Work.LetGo(runner.InstanceId, wakeAt);
    }
}
