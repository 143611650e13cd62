namespace Workflows.Storage;

/// <summary>
/// One atomic commit waiting for a store's group-commit writer, and the task its caller awaits. For store
/// implementations: the writer completes it with <see cref="Succeed"/> once its batch is durable, never before.
/// </summary>
public sealed class PendingCommit(IReadOnlyList<StoreMutation> mutations)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The mutations to apply together or not at all.</summary>
    public IReadOnlyList<StoreMutation> Mutations { get; } = mutations;

    /// <summary>Completes when the commit is durable; faults with the reason it was not stored.</summary>
    public Task Task => _done.Task;

    /// <summary>Reports the commit durable.</summary>
    public void Succeed() => _done.TrySetResult();

    /// <summary>Reports that nothing of the commit was stored, and why.</summary>
    public void Fail(Exception exception) => _done.TrySetException(exception);
}
