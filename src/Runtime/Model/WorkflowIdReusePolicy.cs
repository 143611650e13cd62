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
}
