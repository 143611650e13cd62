using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>What an instance runner asks of the engine that hosts it: other instances (children, parents, the next execution).</summary>
internal interface IInstanceHost
{
    /// <summary>
    /// The workflow of that name; null when it is not registered here but the store is shared, so another worker may run it.
    /// </summary>
    /// <exception cref="WorkflowNotRegisteredException">No workflow has that name, and no other worker can run it.</exception>
    WorkflowDefinition? FindWorkflow(string name);

    /// <summary>Runs a newly recorded instance (a child, or the next execution of a continued one).</summary>
    void StartInstance(InstanceRecord instance);

    /// <summary>Hands a durably stored inbox message to its instance's runner, if it runs here.</summary>
    void Deliver(InboxMessage message);

    /// <summary>An update's result (or failure) was journaled and delivered: its callers may have it.</summary>
    void UpdateFinished(string instanceId, string updateId, JournalEntry outcome);

    Task CancelAsync(string instanceId, string? reason);

    Task TerminateAsync(string instanceId, string? reason);

    /// <summary>
    /// Takes over an instance whose runner let go of it while it waited only for timers, events or children:
    /// the engine keeps an index entry and starts a new runner (replaying the journal) at <paramref name="wakeAt"/>
    /// or when a message arrives for it.
    /// </summary>
    void Suspend(InstanceRunner runner, DateTime? wakeAt);

    /// <summary>
    /// The run of a suspended instance wound down: the engine forgets it, and runs the instance again if it was resumed
    /// meanwhile; completes once that next run is registered, so waiters following the instance find it.
    /// </summary>
    Task WoundDownAsync(InstanceRunner runner);
}
