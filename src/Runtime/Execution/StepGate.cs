namespace Workflows.Execution;

/// <summary>
/// Admits live step attempts: at most <c>maxConcurrent</c> at once when set, and none once the engine drains, so a
/// stopping engine can let the attempts in flight finish and record their outcomes while new ones wait for the next
/// start. An attempt holds its concurrency slot while it runs (<see cref="ReleaseSlot"/>) and counts as in flight
/// until its outcome or retry is recorded (<see cref="Settle"/>). An instance's own gate admits through the engine's
/// (its <c>parent</c>), so a suspended instance drains alone while the engine runs on.
/// </summary>
internal sealed class StepGate(int? maxConcurrent, StepGate? parent = null)
{
    private readonly SemaphoreSlim? _slots = maxConcurrent is { } max ? new SemaphoreSlim(max, max) : null;
    private readonly Lock _gate = new();
    private TaskCompletionSource? _idle;
    private int _running;
    private bool _draining;

    /// <summary>Waits for a slot; false when the engine drains (the attempt must not start; it runs on resume).</summary>
    public async ValueTask<bool> EnterAsync(CancellationToken stopping)
    {
        if (Volatile.Read(ref _draining)) return false;
        if (parent is not null && !await parent.EnterAsync(stopping).ConfigureAwait(false)) return false;
        if (_slots is not null)
        {
            try { await _slots.WaitAsync(stopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { return false; }
        }
        lock (_gate)
        {
            if (!_draining)
            {
                _running++;
                return true;
            }
        }
        _slots?.Release();
        parent?.ReleaseSlot();
        parent?.Settle();
        return false;
    }

    /// <summary>Whether no attempt is in flight.</summary>
    public bool IsIdle => Volatile.Read(ref _running) == 0;

    /// <summary>The attempt stopped running: another may take its slot.</summary>
    public void ReleaseSlot()
    {
        _slots?.Release();
        parent?.ReleaseSlot();
    }

    /// <summary>The attempt's outcome or retry is recorded (or the engine stops it): a drain need not wait for it any more.</summary>
    public void Settle()
    {
        lock (_gate)
        {
            if (--_running == 0) _idle?.TrySetResult();
        }
        parent?.Settle();
    }

    /// <summary>Admits no more attempts; completes when the ones in flight finished and recorded what they did.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            _draining = true;
            if (_running == 0) return Task.CompletedTask;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
