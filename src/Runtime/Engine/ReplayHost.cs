using Workflows.Execution;
using Workflows.Storage;

namespace Workflows;

/// <summary>The host of a replay-only runner: it finds workflows and refuses to touch any other instance.</summary>
internal sealed class ReplayHost(WorkflowSet workflows) : IInstanceHost
{
    public WorkflowDefinition? FindWorkflow(string name) => workflows.Get(name);

    public void StartInstance(InstanceRecord instance) { }

    public void Deliver(InboxMessage message) { }

    public void UpdateFinished(string instanceId, string updateId, JournalEntry outcome) { }

    public Task CancelAsync(string instanceId, string? reason) => Task.CompletedTask;

    public Task TerminateAsync(string instanceId, string? reason) => Task.CompletedTask;

    public void Suspend(InstanceRunner runner, DateTime? wakeAt) { }

    public Task WoundDownAsync(InstanceRunner runner) => Task.CompletedTask;
}
