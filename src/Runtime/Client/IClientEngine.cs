using Workflows.Serialization;
using Workflows.Storage;

namespace Workflows;

/// <summary>What a client needs of the engine behind it: its store and workflows, and a way to reach the instances it runs.</summary>
internal interface IClientEngine
{
    /// <summary>Completes once the instances found unfinished at open have been resumed.</summary>
    Task Ready { get; }

    ICheckpointStore Store { get; }

    PayloadSerializer Serializer { get; }

    /// <summary>The clock of workflow time (start times and deadlines of new instances).</summary>
    TimeProvider Time { get; }

    /// <summary>Whether other engines share the store, so an instance may run on another worker.</summary>
    bool IsShared { get; }

    bool IsStopping { get; }

    /// <exception cref="WorkflowNotRegisteredException">No workflow has that name.</exception>
    WorkflowDefinition GetWorkflow(string name);

    /// <summary>Runs a newly stored instance: here, or on a shared store on the first worker with room.</summary>
    void Run(InstanceRecord instance, WorkflowDefinition definition);

    /// <summary>Hands a durably stored inbox message to its instance, waking it if it is suspended here.</summary>
    void Deliver(InboxMessage message);

    /// <summary>
    /// Hands a message that is not stored to the instance's live run in this engine, which journals it; false when
    /// the instance has no live run here (then store it).
    /// </summary>
    bool TryDeliverLive(InboxMessage message);

    /// <summary>Stops the instance's run in this engine after its termination was recorded.</summary>
    void Terminated(InstanceRecord record);

    /// <summary>Stops the instance's run here after its suspension was recorded; it starts no runner until resumed.</summary>
    void Suspended(InstanceRecord record);

    /// <summary>Runs the instance again after its resumption was recorded: here, or on a shared store on the first worker with room.</summary>
    void Resumed(InstanceRecord record);

    /// <summary>Why a running instance makes no progress here, if it does not.</summary>
    string? StalledReason(string instanceId);

    /// <summary>Whether a run of the instance is in this engine (running, or winding down after a suspension).</summary>
    bool HasRunner(string instanceId);

    /// <summary>
    /// Calls <paramref name="read"/> with the instance's workflow object: on its live run here, between deliveries,
    /// or on a replay of its journal. Exceptions of <paramref name="read"/> propagate.
    /// </summary>
    Task<object?> QueryAsync(string instanceId, string queryName, WorkflowDefinition definition, Func<object?, object?> read, CancellationToken cancellationToken);

    /// <summary>A wait for an update's journaled outcome, completed by a runner of this engine; register it before sending.</summary>
    Task<JournalEntry> RegisterUpdate(string instanceId, string updateId);

    void ForgetUpdate(string instanceId, string updateId);

    /// <summary>Waits while the instance runs or is suspended in this engine, following it from run to run.</summary>
    Task FollowLocalRunsAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>On a shared store: completes when the instance may have changed on another worker, at the latest after a poll interval.</summary>
    Task WhenChangedElsewhereAsync(string instanceId, CancellationToken cancellationToken);
}
