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
    // Waits and buffered events change together, and matching journals the outcome before either changes again.
    private readonly Lock _gate = new();

    public void Deliver(InboxMessage message) => TryDeliver(message);

    /// <summary>Takes the message unless the run no longer takes any; true when it is taken (now or before).</summary>
    public bool TryDeliver(InboxMessage message)
    {
        lock (_gate)
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
                    MatchEventsLocked();
                    return true;
                default:
                    runner.Journal.RecordConsumed(new CancellationDelivery(runner.Context, message.MessageId), JournalEntryKind.CancelRequest, message);
                    return true;
            }
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

    /// <summary>Registers a live wait; it takes the first buffered event of its name, now or when one arrives.</summary>
    public void AwaitEvent(PendingEventWait wait)
    {
        lock (_gate)
        {
            if (runner.Journal.IsClosed) return;
            _waits.Add(wait);
            MatchEventsLocked();
        }
    }

    /// <summary>Forgets a wait that timed out or was cancelled.</summary>
    public void StopAwaitingEvent(PendingEventWait wait)
    {
        lock (_gate) _waits.Remove(wait);
    }

    // Waits are served in the order they were scheduled, events in the order they were raised. The event's inbox
    // message is deleted in the same commit that journals it as the wait's outcome, so it is consumed exactly once.
    private void MatchEventsLocked()
    {
        for (var i = 0; i < _waits.Count;)
        {
            var wait = _waits[i];
            var index = _events.FindIndex(m => m.EventName == wait.EventName);
            if (index < 0)
            {
                i++;
                continue;
            }
            _waits.RemoveAt(i);
            if (!wait.TryClaim()) continue; // its timeout won
            var message = _events[index];
            _events.RemoveAt(index);
            runner.Journal.RecordConsumed(wait, JournalEntryKind.Event, message);
        }
    }
}
