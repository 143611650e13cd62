namespace Workflows.Storage;

/// <summary>One atomic commit waiting for a store's group-commit writer, and the task its caller awaits.</summary>
internal sealed class PendingCommit(IReadOnlyList<StoreMutation> mutations)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<StoreMutation> Mutations { get; } = mutations;

    public Task Task => _done.Task;

    public void Succeed() => _done.TrySetResult();

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
