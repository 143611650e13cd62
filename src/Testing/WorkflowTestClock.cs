namespace Workflows.Testing;

/// <summary>
/// A clock that stands still until it is moved: <see cref="Advance"/> and <see cref="AdvanceTo"/> move it, firing
/// every timer that falls due on the way in due order. Give it to <see cref="WorkflowEngineOptions.TimeProvider"/>
/// (the <see cref="WorkflowTestEnvironment"/> does, and moves it on its own when every instance only waits).
/// </summary>
public sealed class WorkflowTestClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TestTimer> _timers = [];
    private DateTimeOffset _now;

    /// <summary>Creates a clock that shows <paramref name="start"/>, or the current time when null.</summary>
    public WorkflowTestClock(DateTimeOffset? start = null) => _now = start ?? TimeProvider.System.GetUtcNow();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>When the earliest active timer falls due; null when none is set.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate) return _timers.Count == 0 ? null : _timers.Min(t => t.Due);
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new TestTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing the timers due on the way.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative: the clock never goes back.</exception>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "The test clock only moves forward.");
        AdvanceTo(GetUtcNow() + by);
    }

    /// <summary>Moves the clock to <paramref name="time"/> (no earlier than now), firing the timers due on the way, each at its due time.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        while (true)
        {
            TestTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= time).MinBy(t => t.Due);
                if (next is null)
                {
                    if (time > _now) _now = time;
                    return;
                }
                if (next.Due > _now) _now = next.Due;
                next.Fired();
            }
            next.Invoke();
        }
    }

    private sealed class TestTimer(WorkflowTestClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = clock._now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                clock._timers.Add(this);
            }
            if (dueTime <= TimeSpan.Zero) clock.AdvanceTo(clock.GetUtcNow());
            return true;
        }

        // Under the clock's lock: a periodic timer is set again, a one-shot one leaves.
        public void Fired()
        {
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan) Due += _period;
            else clock._timers.Remove(this);
        }

        public void Invoke() => callback(state);

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
