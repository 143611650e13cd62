namespace Workflows;

/// <summary>What a start does when its instance ID is already taken.</summary>
public enum WorkflowIdReusePolicy
{
    /// <summary>Fail with <see cref="WorkflowInstanceExistsException"/>.</summary>
    Reject,
    /// <summary>
    /// Replace a finished (terminal) instance: its record, journal and inbox are purged in the same transaction
    /// that creates the new one, so nothing of it can be replayed. A running instance is never replaced.
    /// </summary>
    AllowIfTerminal,
    /// <summary>
    /// Attach to the instance that has the ID, running or finished: the start returns its handle instead of creating
    /// one, so starting the same ID twice is idempotent and a second <c>Run…Async</c> returns the first one's result.
    /// The existing instance must be of the same workflow; its input is kept and the new input is ignored.
    /// </summary>
    UseExisting,
    /// <summary>
    /// Attach to the instance that has the ID while it runs; replace it, as <see cref="AllowIfTerminal"/> does, once
    /// it has finished. The existing instance must be of the same workflow.
    /// </summary>
    UseRunning,
}
