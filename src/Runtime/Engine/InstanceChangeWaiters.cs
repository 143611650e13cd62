namespace Workflows;

/// <summary>Clients waiting for an instance that may run on another worker, woken when it changes.</summary>
internal sealed class InstanceChangeWaiters
{
    private readonly Dictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Completes when the instance changed (a signal from the store, its run here ended) or after
    /// <paramref name="pollInterval"/>, whichever comes first.
    /// </summary>
    public Task WhenChangedAsync(string instanceId, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            if (!_waiters.TryGetValue(instanceId, out changed))
                _waiters[instanceId] = changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return Task.WhenAny(changed.Task, Task.Delay(pollInterval, cancellationToken)).Unwrap();
    }

    /// <summary>Wakes the clients waiting for the instance, or for any instance when it is null.</summary>
    public void Changed(string? instanceId)
    {
        List<TaskCompletionSource> woken;
        lock (_gate)
        {
            if (instanceId is null)
            {
                woken = [.. _waiters.Values];
                _waiters.Clear();
            }
            else
            {
                if (!_waiters.Remove(instanceId, out var waiter)) return;
                woken = [waiter];
            }
        }
        foreach (var waiter in woken) waiter.TrySetResult();
    }
}
