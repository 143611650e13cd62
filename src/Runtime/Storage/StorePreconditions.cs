namespace Workflows.Storage;

/// <summary>
/// The preconditions every store checks the same way before applying a commit; for implementers of
/// <see cref="ICheckpointStore"/>.
/// </summary>
public static class StorePreconditions
{
    /// <summary>
    /// Checks every precondition of one commit against the state as its earlier mutations leave it, without
    /// changing anything; returns the instances to purge before applying. Throws the first violation.
    /// </summary>
    /// <param name="mutations">The commit.</param>
    /// <param name="readStored">Reads an instance as stored before the commit; null when there is none.</param>
    /// <exception cref="WorkflowException">A precondition fails: the commit must be rejected as a whole.</exception>
    public static List<string> Check(IReadOnlyList<StoreMutation> mutations, Func<string, InstanceRecord?> readStored)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        ArgumentNullException.ThrowIfNull(readStored);
        var staged = new Dictionary<string, InstanceRecord?>(StringComparer.Ordinal);
        InstanceRecord? Current(string id) => staged.TryGetValue(id, out var s) ? s : readStored(id);
        var purges = new List<string>();
        foreach (var mutation in mutations)
        {
            switch (mutation)
            {
                case CreateInstance create:
                    if (CheckCreate(create, Current(create.Instance.InstanceId))) purges.Add(create.Instance.InstanceId);
                    staged[create.Instance.InstanceId] = create.Instance;
                    break;
                case UpdateInstance update:
                    CheckUpdate(update, Current(update.Instance.InstanceId));
                    staged[update.Instance.InstanceId] = update.Instance;
                    break;
                case ExpectRunning expect:
                    CheckRunning(expect.InstanceId, Current(expect.InstanceId));
                    break;
                case PurgeInstance purge:
                    CheckPurge(purge, Current(purge.InstanceId));
                    purges.Add(purge.InstanceId);
                    staged[purge.InstanceId] = null;
                    break;
            }
        }
        return purges;
    }

    /// <summary>Returns whether an existing terminal instance must be purged first; throws when the ID is taken.</summary>
    private static bool CheckCreate(CreateInstance create, InstanceRecord? existing)
    {
        if (existing is null) return false;
        if (create.ReplaceTerminal && existing.Status.IsTerminal()) return true;
        throw new WorkflowInstanceExistsException(existing.InstanceId, existing.Status);
    }

    /// <summary>Throws when the instance is missing or still running.</summary>
    private static void CheckPurge(PurgeInstance purge, InstanceRecord? existing)
    {
        if (existing is null) throw new WorkflowInstanceNotFoundException(purge.InstanceId);
        if (!existing.Status.IsTerminal())
            throw new WorkflowException($"Workflow instance '{purge.InstanceId}' is {existing.Status}: only finished instances can be purged.");
    }

    /// <summary>Throws when the instance is missing or finished.</summary>
    private static void CheckRunning(string instanceId, InstanceRecord? existing)
    {
        if (existing is null) throw new WorkflowInstanceNotFoundException(instanceId);
        if (existing.Status.IsTerminal())
            throw new WorkflowException($"Workflow instance '{instanceId}' already ended {existing.Status}: nothing was delivered to it.");
    }

    /// <summary>Throws when the stored instance is missing or not in the expected status.</summary>
    private static void CheckUpdate(UpdateInstance update, InstanceRecord? existing)
    {
        if (existing is null)
            throw new WorkflowInstanceNotFoundException(update.Instance.InstanceId);
        if (existing.Status != update.ExpectedStatus)
            throw new WorkflowException(
                $"Workflow instance '{existing.InstanceId}' is {existing.Status}, not {update.ExpectedStatus}; the change to {update.Instance.Status} was discarded.");
    }
}
