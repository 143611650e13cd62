namespace Workflows;

/// <summary>
/// The index of running instances that no runner holds because they only wait: one entry each (its wake time, if
/// it waits for a timer), a single loop that wakes them when due, and a signal per instance for waiters.
/// </summary>
internal sealed class SuspendedInstances : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTime? WakeAt, TaskCompletionSource Woken)> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTime WakeAt, string InstanceId)> _due = [];
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    private readonly Func<string, Task> _resume;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TimeProvider _time;

    public SuspendedInstances(Func<string, Task> resume, TimeProvider time)
    {
        _resume = resume;
        _time = time;
        _loop = Task.Run(WakeDueAsync);
    }

    public int Count
    {
        get
        {
            lock (_gate) return _entries.Count;
        }
    }

    public void Add(string instanceId, DateTime? wakeAt)
    {
        lock (_gate)
        {
            _entries[instanceId] = (wakeAt, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (wakeAt is { } at) _due.Add((at, instanceId));
            _changed.TrySetResult();
        }
    }

    /// <summary>Completes when the instance is resumed or forgotten; null when it is not suspended.</summary>
    public Task? WhenWoken(string instanceId)
    {
        lock (_gate) return _entries.TryGetValue(instanceId, out var entry) ? entry.Woken.Task : null;
    }

    /// <summary>Resumes the instance now if it is suspended (a message arrived for it).</summary>
    public Task WakeAsync(string instanceId) => Remove(instanceId) is { } woken ? ResumeAsync(instanceId, woken) : Task.CompletedTask;

    /// <summary>Drops the entry without resuming (the instance ended meanwhile, e.g. it was terminated).</summary>
    public void Forget(string instanceId) => Remove(instanceId)?.TrySetResult();

    private TaskCompletionSource? Remove(string instanceId)
    {
        lock (_gate)
        {
            if (!_entries.Remove(instanceId, out var entry)) return null;
            if (entry.WakeAt is { } at) _due.Remove((at, instanceId));
            return entry.Woken;
        }
    }

    private async Task ResumeAsync(string instanceId, TaskCompletionSource woken)
    {
        try
        {
            await _resume(instanceId).ConfigureAwait(false);
        }
        finally
        {
            woken.TrySetResult();
        }
    }

    private async Task WakeDueAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Task changed;
            (DateTime WakeAt, string InstanceId)? first;
            lock (_gate)
            {
                changed = _changed.Task;
                first = _due.Count > 0 ? _due.Min : null;
            }
            var wait = first is { } due ? due.WakeAt - _time.GetUtcNow().UtcDateTime : (TimeSpan?)null;
            if (wait <= TimeSpan.Zero)
            {
                await WakeAsync(first!.Value.InstanceId).ConfigureAwait(false);
                continue;
            }
            try
            {
                // Nothing due: only a change wakes the loop. The system clock is looked at again at least hourly (it
                // may be set); another clock (a test's) moves only to when something is due.
                if (wait is null && _time != TimeProvider.System) await changed.WaitAsync(_stop.Token).ConfigureAwait(false);
                else await Task.WhenAny(changed, Task.Delay(_time == TimeProvider.System && (wait is null || wait > MaxWait) ? MaxWait : wait!.Value, _time, _stop.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_gate)
            {
                if (_changed.Task.IsCompleted) _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_gate) _changed.TrySetResult();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
