using Workflows.Storage;

namespace Workflows;

/// <summary>
/// Where an engine finds its work and what it does with instances it does not hold in memory: every decision that
/// differs between a store of its own (<see cref="LocalStoreWork"/>) and one shared with other engines
/// (<see cref="SharedStoreWork"/>).
/// </summary>
internal interface IStoreWork : IAsyncDisposable
{
    /// <summary>Whether other engines share the store, so an instance may run on another worker.</summary>
    bool IsShared { get; }

    /// <summary>How many running instances wait here without a runner (indexed, not in memory).</summary>
    int SuspendedCount { get; }

    /// <summary>Finds the work there is at open: resumes every unfinished instance, or claims the first ones.</summary>
    Task StartAsync();

    /// <summary>The workflow that runs a child; null when another worker may run it instead.</summary>
    /// <exception cref="WorkflowNotRegisteredException">No workflow has that name, and no other worker can run it.</exception>
    WorkflowDefinition? FindWorkflow(string name);

    /// <summary>Runs an instance a client just stored.</summary>
    void RunNew(InstanceRecord instance, WorkflowDefinition definition);

    /// <summary>Runs an instance a runner of this engine just stored: a child, or the next execution of its own.</summary>
    void RunNext(InstanceRecord instance);

    /// <summary>A durably stored message arrived for an instance that has no runner here.</summary>
    void Wake(string instanceId);

    /// <summary>A runner let go of an instance that only waits; it is due at <paramref name="wakeAt"/>, if ever.</summary>
    void LetGo(string instanceId, DateTime? wakeAt);

    /// <summary>
    /// Takes over an instance whose write failed, to resume it from its journal at <paramref name="retryAt"/>; false
    /// when the engine stops first (it then resumes when the store is opened again).
    /// </summary>
    bool RetryLater(string instanceId, DateTime retryAt, string why);

    /// <summary>Whether a run that stopped for <paramref name="reason"/> lost the instance to another worker.</summary>
    bool LostToAnotherWorker(Exception? reason);

    /// <summary>A runner of this engine is gone: it ended the instance (<paramref name="ended"/>) or gave it up.</summary>
    void RunnerGone(string instanceId, bool ended);

    /// <summary>Forgets an instance waiting here that ended without its runner (it was terminated).</summary>
    void Forget(string instanceId);

    /// <summary>Completes when an instance waiting here is resumed or forgotten; null when none waits here.</summary>
    Task? WhenWoken(string instanceId);

    /// <summary>Completes when the instance may have changed on another worker, at the latest after a poll interval.</summary>
    Task WhenChangedElsewhereAsync(string instanceId, CancellationToken cancellationToken);
}
