namespace Workflows.Execution;

// Letting go of an instance that only waits, so memory follows what runs, not what exists.
internal sealed partial class InstanceDriver
{
    /// <summary>
    /// While nothing arrives and the code waits only for timers, events or attached children, lets go of the instance
    /// after the engine's idle time; true when it did (later outcomes and messages are then left to the next runner).
    /// </summary>
    private async Task<bool> LetGoWhileIdleAsync(Task<WorkItem> read)
    {
        while (_services.EvictSuspendedAfter is { } evictAfter && !read.IsCompleted && OnlyWaits())
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(_runner.StopToken);
            var woke = await Task.WhenAny(read, Task.Delay(evictAfter, idle.Token)).ConfigureAwait(false);
            await idle.CancelAsync().ConfigureAwait(false);
            if (woke == read || !_runner.Journal.TryCloseIdle(() => !_work.Reader.TryPeek(out _))) continue;
            _ = read.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            _runner.Lifecycle.LetGo(WakeAt());
            return true;
        }
        return false;
    }

    private bool _waitsOnTime;

    /// <summary>
    /// Whether the code only waits for time to pass or for messages (timers, event waits, children, steps waiting
    /// to retry) and nothing is queued for it: a test clock may move on.
    /// </summary>
    public bool WaitsOnTime => Volatile.Read(ref _waitsOnTime) && !_work.Reader.TryPeek(out _);

    private bool WaitsOnlyOnTime() =>
        !Context.IsReplaying && _pending.Values.All(op => op is PendingTimer or PendingEventWait or PendingChild or IRetryWait { IsWaitingToRetry: true });

    private bool OnlyWaits() =>
        _pending.Count > 0 && !Context.IsReplaying && _pending.Values.All(op => op is PendingTimer or PendingEventWait or PendingChild { IsAttached: true });

    private DateTime? WakeAt()
    {
        var wakeAt = _runner.Deadline.At;
        foreach (var operation in _pending.Values)
        {
            var due = operation switch
            {
                PendingTimer timer => timer.Due,
                PendingEventWait wait => wait.Due,
                _ => null,
            };
            if (due is { } at && (wakeAt is null || at < wakeAt)) wakeAt = at;
        }
        return wakeAt;
    }
}
