using System.Text.Json;
using Workflows.Execution;

namespace Workflows.Scheduling;

/// <summary>
/// The workflow that carries one schedule: it sleeps until the next scheduled time, starts that time's run as an
/// independent child with an ID derived from the time (so it starts once, whatever crashes or how many workers),
/// and takes changes as updates. Its instance's custom status is the schedule's description.
/// </summary>
internal sealed class ScheduleWorkflow(Func<WorkflowClient?> client)
{
    // Keeps an execution's journal short: a schedule runs for years, and each run costs it a few records.
    private const int RunsPerExecution = 200;
    private static readonly TimeSpan LongestBufferCheckDelay = TimeSpan.FromMinutes(1);

    private ScheduleState _state = null!;
    private DateTime _now;
    private bool _changed;
    private int _runs;

    public ScheduleState State => _state;

    public async Task<object?> RunAsync(ScheduleState state)
    {
        _state = state;
        while (true)
        {
            _changed = false;
            _now = Context.UtcNow;
            if (!_state.Paused && !_state.Deleted)
            {
                await StartBufferedRunAsync();
                await CatchUpAsync();
            }
            if (_state.Deleted)
            {
                await Context.WaitConditionAsync(() => Context.AllHandlersFinished, null, CancellationToken.None);
                return null;
            }
            Publish(_now);
            if (_runs >= RunsPerExecution || Context.ContinueAsNewSuggested)
            {
                await Context.WaitConditionAsync(() => Context.AllHandlersFinished, null, CancellationToken.None);
                throw new ContinueAsNewException(Context.InstanceId, Context.Execution, _state);
            }
            var wake = NextWake();
            await Context.WaitConditionAsync(() => _changed, wake is { } at ? Max(at - _now, TimeSpan.Zero) : null, CancellationToken.None);
        }
    }

    /// <summary>Starts, skips or counts as missed every scheduled time that is due, in order.</summary>
    private async Task CatchUpAsync()
    {
        var horizon = _now - _state.Policy.CatchupWindow;
        while (ScheduleTimes.Next(_state.Spec, _state.Cursor) is { } time && Due(time) <= _now)
        {
            _state.Cursor = time;
            if (Due(time) < horizon)
            {
                // Recorded without waking the loop again: nothing was started.
                _state.Record(Run(time, ScheduleRunOutcome.Missed,
                    $"due at {Due(time):O}, more than the catch-up window ({_state.Policy.CatchupWindow}) before the schedule woke"));
                continue;
            }
            await TakeAsync(time, _state.Policy.Overlap, reason: null);
        }
    }

    private async Task StartBufferedRunAsync()
    {
        if (_state.Buffered is not { } buffered) return;
        if (_state.LastRunId is { } previous && await IsRunningAsync(previous))
        {
            _state.BufferChecks++;
            return;
        }
        _state.Buffered = null;
        _state.BufferChecks = 0;
        await StartAsync(buffered, "buffered until the previous run ended");
    }

    /// <summary>Deals with one scheduled (or triggered, or backfilled) time under <paramref name="overlap"/>.</summary>
    private async Task<ScheduleRun> TakeAsync(DateTime time, ScheduleOverlapPolicy overlap, string? reason)
    {
        if (overlap != ScheduleOverlapPolicy.AllowAll && _state.LastRunId is { } previous && await IsRunningAsync(previous))
        {
            switch (overlap)
            {
                case ScheduleOverlapPolicy.Skip:
                    return Record(time, ScheduleRunOutcome.Skipped, $"the previous run '{previous}' was still running");
                case ScheduleOverlapPolicy.BufferOne when _state.Buffered is null:
                    _state.Buffered = time;
                    _state.BufferChecks = 0;
                    return Record(time, ScheduleRunOutcome.Buffered, $"waits for the previous run '{previous}' to end");
                case ScheduleOverlapPolicy.BufferOne:
                    return Record(time, ScheduleRunOutcome.Skipped, $"the previous run '{previous}' was still running and the run of {_state.Buffered:O} already waited for it");
                case ScheduleOverlapPolicy.CancelPrevious:
                    await Context.RunStepAsync("cancel-previous-run", StepOptions.Default, token => IgnoreEnded(Client().CancelAsync(previous, $"schedule '{_state.ScheduleId}' started the run of {time:O}", token)));
                    break;
                case ScheduleOverlapPolicy.TerminatePrevious:
                    await Context.RunStepAsync("terminate-previous-run", StepOptions.Default, token => IgnoreEnded(Client().TerminateAsync(previous, $"schedule '{_state.ScheduleId}' started the run of {time:O}", token)));
                    break;
            }
        }
        return await StartAsync(time, reason);
    }

    private async Task<ScheduleRun> StartAsync(DateTime time, string? reason)
    {
        var runId = ScheduleIds.Run(_state.ScheduleId, time);
        try
        {
            await Context.StartChildAsync(_state.WorkflowName, Input(), runId);
        }
        catch (ChildWorkflowException e)
        {
            return Record(time, ScheduleRunOutcome.AlreadyStarted, e.Message);
        }
        _state.LastRunId = runId;
        _runs++;
        return Record(time, ScheduleRunOutcome.Started, reason);
    }

    private ScheduleRun Run(DateTime time, ScheduleRunOutcome outcome, string? reason) =>
        new(time, ScheduleIds.Run(_state.ScheduleId, time), outcome, _now, reason);

    private ScheduleRun Record(DateTime time, ScheduleRunOutcome outcome, string? reason)
    {
        var run = Run(time, outcome, reason);
        _state.Record(run);
        _changed = true;
        return run;
    }

    private Task<bool> IsRunningAsync(string instanceId) =>
        Context.RunStepAsync("previous-run-running", StepOptions.Default, async token =>
        {
            try
            {
                return (await Client().GetStatusAsync(instanceId, token).ConfigureAwait(false)).Status == WorkflowStatus.Running;
            }
            catch (WorkflowInstanceNotFoundException)
            {
                return false;
            }
        });

    /// <summary>When the loop must look again: the next run's time with its jitter, or the next check of a buffered run.</summary>
    private DateTime? NextWake()
    {
        if (_state.Paused) return null;
        DateTime? wake = ScheduleTimes.Next(_state.Spec, _state.Cursor) is { } next ? Due(next) : null;
        if (_state.Buffered is not null)
        {
            var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, _state.BufferChecks), LongestBufferCheckDelay.TotalSeconds));
            var check = _now + delay;
            if (wake is null || check < wake) wake = check;
        }
        return wake;
    }

    private DateTime Due(DateTime time) => time + ScheduleTimes.JitterOf(_state.ScheduleId, time, _state.Spec.Jitter);

    private JsonElement? Input() => _state.InputJson is { } json ? JsonSerializer.Deserialize<JsonElement>(json) : null;

    // Workflow code of the runtime's own: it talks to its context directly rather than through the Workflow facade above it.
    private static WorkflowContext Context => WorkflowContext.Current
        ?? throw new InvalidOperationException("The schedule workflow runs only as workflow code of an engine.");

    private WorkflowClient Client() => client() ?? throw new InvalidOperationException(
        $"Schedule '{_state.ScheduleId}' needs a workflow engine to look at its runs; a replayer only replays it.");

    // True when it was stopped; false when it ended (or was purged) on its own meanwhile and there was nothing to stop.
    private static async Task<bool> IgnoreEnded(Task control)
    {
        try
        {
            await control.ConfigureAwait(false);
            return true;
        }
        catch (WorkflowException e) when (e is WorkflowInstanceNotFoundException || e.GetType() == typeof(WorkflowException))
        {
            return false;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // The handlers of the updates WorkflowSchedules sends; each returns the description as it stands after it.

    public ScheduleDescription Change(ScheduleSpec? spec, SchedulePolicy? policy)
    {
        var now = Context.UtcNow;
        if (spec is not null)
        {
            _state.Spec = spec;
            // A new spec's times start from now: its past times are not owed.
            _state.Cursor = now;
        }
        if (policy is not null) _state.Policy = policy;
        return Changed(now);
    }

    public ScheduleDescription Pause(bool paused, string? note)
    {
        var now = Context.UtcNow;
        // The times that passed while paused are not owed: an unpaused schedule goes on from now.
        if (_state.Paused && !paused) _state.Cursor = now;
        _state.Paused = paused;
        _state.Note = note;
        return Changed(now);
    }

    public ScheduleDescription Delete()
    {
        _state.Deleted = true;
        return Changed(Context.UtcNow);
    }

    public async Task<ScheduleRun> TriggerAsync(ScheduleOverlapPolicy? overlap)
    {
        _now = Context.UtcNow;
        var run = await TakeAsync(_now, overlap ?? _state.Policy.Overlap, "triggered");
        _changed = true;
        Publish(_now);
        return run;
    }

    public async Task<IReadOnlyList<ScheduleRun>> BackfillAsync(DateTime from, DateTime to, ScheduleOverlapPolicy overlap)
    {
        _now = Context.UtcNow;
        var runs = new List<ScheduleRun>();
        foreach (var time in BackfillTimes(_state.Spec, from, to)) runs.Add(await TakeAsync(time, overlap, "backfilled"));
        _changed = true;
        Publish(_now);
        return runs;
    }

    /// <summary>The scheduled times from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IReadOnlyList<DateTime> BackfillTimes(ScheduleSpec spec, DateTime from, DateTime to)
    {
        var times = new List<DateTime>();
        var after = DateTime.SpecifyKind(from, DateTimeKind.Utc).AddTicks(-1);
        while (ScheduleTimes.Next(spec, after) is { } time && time <= DateTime.SpecifyKind(to, DateTimeKind.Utc) && times.Count <= WorkflowSchedules.MaxBackfillRuns)
        {
            times.Add(time);
            after = time;
        }
        return times;
    }

    private ScheduleDescription Changed(DateTime now)
    {
        _state.UpdatedAt = now;
        _changed = true;
        return Publish(now);
    }

    // Set before an update's result is recorded, so a description read after the update returned shows the change.
    private ScheduleDescription Publish(DateTime now)
    {
        var description = _state.Describe(now);
        Context.SetStatus(description, typeof(ScheduleDescription));
        return description;
    }
}
