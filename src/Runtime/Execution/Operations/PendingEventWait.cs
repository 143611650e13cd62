using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// A wait for an external event: completed by the first unconsumed event of that name (buffered events included,
/// in the order they were raised), or failed when its recorded timeout passes first. Exactly one of the two wins.
/// </summary>
internal abstract class PendingEventWait(InstanceRunner runner, OperationKey key, string eventName, TimeSpan? timeout, CancellationToken cancellationToken)
    : PendingOperation(key, WorkflowContext.EventName)
{
    private int _claimed;
    private EventRace[] _races = [];

    public string EventName { get; } = eventName;

    /// <summary>When the wait times out, if it has a timeout, once started.</summary>
    public DateTime? Due { get; private set; }

    protected InstanceRunner Runner { get; } = runner;

    /// <summary>Whether it lost a race of workflow code: it takes an event only when no other wait of its name does.</summary>
    public bool LostRace { get; set; }

    /// <summary>
    /// Whether it was scheduled by code that has not yielded yet: it takes no event until then, because that code may
    /// still enter it in a race (a Task.WhenAny right after the wait). Read and written under the inbox's lock.
    /// </summary>
    public bool IsFresh { get; set; }

    /// <summary>Whether an event, its timeout or its cancellation completed it.</summary>
    public bool IsClaimed => Volatile.Read(ref _claimed) != 0;

    /// <summary>True for the one caller (event or timeout) that may complete the wait.</summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    /// <summary>Takes an event now: no undecided race it is in has been won by another entrant, and nothing else claimed it.</summary>
    public bool TryClaimEvent()
    {
        foreach (var race in Volatile.Read(ref _races))
        {
            if (race.IsWonByOtherThan(this)) return false;
        }
        return TryClaim();
    }

    /// <summary>Enters an undecided race (on the workflow's scheduler).</summary>
    public void Join(EventRace race) => Volatile.Write(ref _races, [.. _races, race]);

    /// <summary>Leaves a decided race (on the workflow's scheduler).</summary>
    public void Leave(EventRace race) => Volatile.Write(ref _races, [.. _races.Where(r => r != race)]);

    public override void Start(JournalEntry? recorded)
    {
        DateTime? due = recorded?.NextAttemptAt ?? (timeout is { } limit ? Runner.UtcNow + limit : null);
        Due = due;
        // The deadline's write is queued before the wait can take an event, so the event's outcome, committed
        // after it, is what the journal keeps.
        var deadlineRecorded = due is { } deadline && recorded is null ? Runner.Journal.RecordDueAsync(this, deadline) : Task.FromResult(true);
        Runner.Inbox.AwaitEvent(this);
        if (due is { } at) _ = TimeOutAsync(at, deadlineRecorded);
        // Decided on the scheduler, like a step's token: a wait started after the cancellation is the workflow's cleanup.
        if (!Runner.Context.CancellationRequested)
            Runner.Context.StepCancellationToken.Register(() => Cancel($"The instance was cancelled while it waited for event '{EventName}'."));
        // Cancelled by workflow code, on the scheduler, at the same point of every replay: journaled like an outcome.
        cancellationToken.Register(() => Cancel($"The workflow cancelled its wait for event '{EventName}'."));
    }

    private void Cancel(string why)
    {
        if (!TryClaim()) return;
        Runner.Inbox.StopAwaitingEvent(this);
        Runner.Journal.RecordOutcome(this, JournalEntryStatus.Failed, null, new WorkflowError(typeof(OperationCanceledException).FullName!, why, null), 1);
    }

    private async Task TimeOutAsync(DateTime due, Task<bool> deadlineRecorded)
    {
        if (!await deadlineRecorded.ConfigureAwait(false)) return;
        try
        {
            var remaining = due - Runner.UtcNow;
            if (remaining > TimeSpan.Zero) await Task.Delay(remaining, Runner.Time, Runner.StopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // The engine stops; the wait resumes with its recorded due time.
        }
        if (!TryClaim()) return;
        Runner.Inbox.StopAwaitingEvent(this);
        Runner.Journal.RecordOutcome(this, JournalEntryStatus.Failed, null,
            new WorkflowError(typeof(EventTimeoutException).FullName!, $"No event '{EventName}' arrived before the wait timed out.", null), 1);
    }
}

/// <summary>A wait whose event payload is read as <typeparamref name="T"/>.</summary>
internal sealed class PendingEventWait<T>(InstanceRunner runner, OperationKey key, string eventName, TimeSpan? timeout, CancellationToken cancellationToken)
    : PendingEventWait(runner, key, eventName, timeout, cancellationToken)
{
    private readonly TaskCompletionSource<T> _outcome = new();

    public Task<T> Task => _outcome.Task;

    public override Task Awaited => Task;

    public override void Deliver(JournalEntry entry)
    {
        if (entry.Status != JournalEntryStatus.Completed)
        {
            _outcome.SetException(entry.Error is { IsCancellation: true } canceled
                ? new OperationCanceledException($"Waiting for event '{EventName}' ({Key.Id}) of workflow instance '{Runner.InstanceId}' was cancelled: {canceled.Message}")
                : new EventTimeoutException(Runner.InstanceId, EventName, Key.Id));
            return;
        }
        Runner.Serializer.SetResultFrom(_outcome, entry.Result, $"event '{EventName}' for workflow instance '{Runner.InstanceId}' ({Key.Id})");
    }
}
