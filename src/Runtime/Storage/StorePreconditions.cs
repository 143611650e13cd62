namespace Workflows.Storage;

/// <summary>The preconditions every store checks the same way before applying a mutation.</summary>
internal static class StorePreconditions
{
    /// <summary>Returns whether an existing terminal instance must be purged first; throws when the ID is taken.</summary>
    public static bool CheckCreate(CreateInstance create, InstanceRecord? existing)
    {
        if (existing is null) return false;
        if (create.ReplaceTerminal && existing.Status.IsTerminal()) return true;
        throw new WorkflowInstanceExistsException(existing.InstanceId, existing.Status);
    }

    /// <summary>Throws when the stored instance is missing or not in the expected status.</summary>
    public static void CheckUpdate(UpdateInstance update, InstanceRecord? existing)
    {
        if (existing is null)
            throw new WorkflowInstanceNotFoundException(update.Instance.InstanceId);
        if (existing.Status != update.ExpectedStatus)
            throw new WorkflowException(
                $"Workflow instance '{existing.InstanceId}' is {existing.Status}, not {update.ExpectedStatus}; the change to {update.Instance.Status} was discarded.");
    }
}
