using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>Letting go of an instance that only waits, so the engine can keep an index entry instead.</summary>
internal sealed partial class InstanceRunner
{
    /// <summary>Whether workflow code waits only for timers, events or children (driver thread only).</summary>
    private bool IsSuspended() =>
        _pending.Count > 0 && !Context.IsReplaying && _pending.Values.All(op => op is PendingTimer or PendingEventWait or PendingChild { IsAttached: true });

    /// <summary>
    /// Lets go of the instance if nothing arrived meanwhile: later outcomes and messages are then ignored here
    /// (their writes never happen, their messages stay in the inbox) and the engine replays the instance when needed.
    /// </summary>
    private bool TrySuspend()
    {
        DateTime? wakeAt = null;
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
        Task? flush = null;
        lock (_gate)
        {
            if (_stopped || _work.Reader.TryPeek(out _)) return false;
            // Durable values read since the last write must be durable before the runner goes: flush, then try again.
            if (_bufferedValues.Count > 0) flush = CommitLocked([]);
            else _stopped = true;
        }
        if (flush is not null)
        {
            _ = flush.ContinueWith(t => Halt(t.Exception!.InnerException!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return false;
        }
        _work.Writer.TryComplete();
        _stop.Cancel();
        _services.Host.Suspend(this, wakeAt);
        _result.TrySetResult(_instance); // still Running: waiters follow the instance to its next runner
        return true;
    }
}
