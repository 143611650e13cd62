using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// Takes the instance's inbox messages, each once: a cancellation is journaled and delivered; an event is buffered
/// until a wait for its name takes it; a child's completion goes to the call that waits for it.
/// </summary>
internal sealed class InstanceInbox(InstanceRunner runner)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<PendingEventWait> _waits = [];
    private readonly List<InboxMessage> _events = [];
    // Messages sent while the run loads what was stored before it: taken in arrival order with those.
    private List<InboxMessage>? _early = [];
    // Waits and buffered events change together, and matching journals the outcome before either changes again.
    private readonly Lock _gate = new();

    public void Deliver(InboxMessage message) => TryDeliver(message);

    /// <summary>
    /// Takes the messages stored for the instance before this run, together with any sent since the run began, in the
    /// order they arrived: a signal sent while the stored ones load is not taken before an earlier one.
    /// </summary>
    public void DeliverStored(IEnumerable<InboxMessage> stored)
    {
        lock (_gate)
        {
            var early = _early ?? [];
            _early = null;
            var all = stored.Concat(early).GroupBy(m => m.MessageId, StringComparer.Ordinal).Select(g => g.First()).OrderBy(m => m.ReceivedAt);
            foreach (var message in all) TakeLocked(message);
        }
    }

    /// <summary>Takes the message unless the run no longer takes any; true when it is taken (now, before, or once the stored ones are in).</summary>
    public bool TryDeliver(InboxMessage message)
    {
        lock (_gate)
        {
            if (runner.Journal.IsClosed) return false;
            if (_early is not null)
            {
                _early.Add(message);
                return true;
            }
            return TakeLocked(message);
        }
    }

    private bool TakeLocked(InboxMessage message)
    {
        if (runner.Journal.IsClosed) return false;
        if (!_seen.Add(message.MessageId)) return true;
        switch (message.Kind)
        {
            case InboxMessageKind.ChildCompleted:
                runner.Children.TakeCompletion(message);
                return true;
            case InboxMessageKind.Update:
                runner.Journal.RecordAccepted(new UpdateAcceptance(runner, message.MessageId, message.EventName ?? ""), message);
                return true;
            case InboxMessageKind.Signal:
                runner.Journal.RecordConsumed(new SignalDelivery(runner, message.MessageId, message.EventName ?? ""), JournalEntryKind.Signal, message);
                return true;
            case InboxMessageKind.Event:
                var at = _events.FindIndex(m => m.ReceivedAt > message.ReceivedAt);
                _events.Insert(at < 0 ? _events.Count : at, message);
                MatchEventsLocked(includeLosers: false);
                // A wait that lost a race may take it once the code has settled and left no newer wait for it.
                if (_events.Contains(message) && _waits.Exists(w => w.LostRace && w.EventName == message.EventName)) runner.Driver.Wake();
                return true;
            default:
                runner.Journal.RecordConsumed(new CancellationDelivery(runner.Context, message.MessageId), JournalEntryKind.CancelRequest, message);
                return true;
        }
    }

    /// <summary>
    /// The delivery of a recorded message taken from the inbox (a cancellation, signal or update), remembering the
    /// message so its inbox copy is not taken again; null for an entry of an operation the code schedules.
    /// </summary>
    public PendingOperation? Replayed(JournalEntry entry)
    {
        switch (entry.Kind)
        {
            case JournalEntryKind.CancelRequest:
                var cancel = OperationIds.MessageIdOfCancelRequest(entry.OperationId);
                Replayed(cancel);
                return new CancellationDelivery(runner.Context, cancel);
            case JournalEntryKind.Signal:
                var signal = OperationIds.MessageIdOfSignal(entry.OperationId);
                Replayed(signal);
                return new SignalDelivery(runner, signal, entry.Name);
            case JournalEntryKind.Update:
                var update = OperationIds.UpdateIdOf(entry.OperationId);
                Replayed(update);
                return new UpdateAcceptance(runner, update, entry.Name);
            default:
                return null;
        }
    }

    /// <summary>Remembers a message whose outcome replay delivered, so the inbox copy is not taken again.</summary>
    public void Replayed(string messageId)
    {
        lock (_gate) _seen.Add(messageId);
    }

    /// <summary>
    /// Registers a live wait; it takes the first buffered event of its name once the code that scheduled it has
    /// yielded (<see cref="Settle"/>), or when one arrives after that.
    /// </summary>
    public void AwaitEvent(PendingEventWait wait)
    {
        lock (_gate)
        {
            if (runner.Journal.IsClosed) return;
            var losers = _waits.FindIndex(w => w.LostRace);
            _waits.Insert(wait.LostRace || losers < 0 ? _waits.Count : losers, wait);
            wait.IsFresh = true;
        }
    }

    /// <summary>
    /// The code has yielded: the waits it scheduled are in whatever race it entered them in, so they may take events
    /// now. Without this, an event could reach a wait between its creation and the Task.WhenAny that races it, after
    /// the other entrant's outcome was journaled, and be lost to a wait that then loses.
    /// </summary>
    public void Settle()
    {
        lock (_gate)
        {
            var fresh = false;
            foreach (var wait in _waits)
            {
                fresh |= wait.IsFresh;
                wait.IsFresh = false;
            }
            if (fresh && _events.Count > 0 && !runner.Journal.IsClosed) MatchEventsLocked(includeLosers: false);
        }
    }

    /// <summary>
    /// A race of workflow code is decided: its waits leave it, and those that lost keep waiting, behind every wait that
    /// lost none, taking an event only when the code has settled (<see cref="ServeWaits"/>), after it scheduled whatever
    /// waits it goes on to. Both under the lock that matching holds: a wait that has left its race but not yet stepped
    /// back would take an event as if its race were still open, although another entrant won it.
    /// </summary>
    public void EndRace(EventRace race, IEnumerable<PendingEventWait> waits, Task winner)
    {
        lock (_gate)
        {
            foreach (var wait in waits)
            {
                wait.Leave(race);
                if (wait.Awaited == winner) continue;
                wait.LostRace = true;
                if (_waits.Remove(wait)) _waits.Add(wait);
            }
        }
    }

    /// <summary>Matches buffered events with every wait, those that lost a race last; the code has settled.</summary>
    public void ServeWaits()
    {
        lock (_gate)
        {
            if (_events.Count > 0 && !runner.Journal.IsClosed) MatchEventsLocked(includeLosers: true);
        }
    }

    /// <summary>Forgets a wait that timed out or was cancelled.</summary>
    public void StopAwaitingEvent(PendingEventWait wait)
    {
        lock (_gate) _waits.Remove(wait);
    }

    // Waits are served in the order they were scheduled (those that lost a race after the rest), events in the order
    // they were raised. The event's inbox message is deleted in the same commit that journals it as the wait's
    // outcome, so it is consumed exactly once.
    private void MatchEventsLocked(bool includeLosers)
    {
        for (var i = 0; i < _waits.Count;)
        {
            var wait = _waits[i];
            if (wait.IsFresh)
            {
                i++;
                continue;
            }
            if (wait.LostRace && !includeLosers) return;
            // A wait that lost a race takes an event only when no wait of its name lost none: one that is still there
            // turned the event down because another entrant of its race was journaled first, so the code, about to
            // see that entrant, goes on to schedule the wait the event is for.
            if (wait.LostRace && _waits.Exists(w => !w.LostRace && w.EventName == wait.EventName))
            {
                i++;
                continue;
            }
            var index = _events.FindIndex(m => m.EventName == wait.EventName);
            if (index < 0)
            {
                i++;
                continue;
            }
            if (runner.Journal.RecordConsumed(wait, JournalEntryKind.Event, _events[index], wait.TryClaimEvent))
            {
                _waits.RemoveAt(i);
                _events.RemoveAt(index);
            }
            else if (wait.IsClaimed)
            {
                _waits.RemoveAt(i); // its timeout or cancellation won
            }
            else
            {
                i++; // another entrant of its race won on record: the code leaves this wait
            }
        }
    }
}
