using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>External events: waits served in scheduling order, events in the order raised, each consumed exactly once.</summary>
internal sealed partial class InstanceRunner
{
    /// <summary>Registers a live wait; it takes the first buffered event of its name, now or when one arrives.</summary>
    public void AwaitEvent(PendingEventWait wait)
    {
        lock (_gate)
        {
            if (_stopped) return;
            _eventWaits.Add(wait);
            MatchEventsLocked();
        }
    }

    /// <summary>Forgets a wait that timed out.</summary>
    public void StopAwaitingEvent(PendingEventWait wait)
    {
        lock (_gate) _eventWaits.Remove(wait);
    }

    // Waits are served in the order they were scheduled, events in the order they were raised. The event's inbox
    // message is deleted in the same commit that journals it as the wait's outcome, so it is consumed exactly once.
    private void MatchEventsLocked()
    {
        for (var i = 0; i < _eventWaits.Count;)
        {
            var wait = _eventWaits[i];
            var index = _bufferedEvents.FindIndex(m => m.EventName == wait.EventName);
            if (index < 0)
            {
                i++;
                continue;
            }
            _eventWaits.RemoveAt(i);
            if (!wait.TryClaim()) continue; // its timeout won
            var message = _bufferedEvents[index];
            _bufferedEvents.RemoveAt(index);
            var entry = Entry(wait, JournalEntryStatus.Completed, JournalEntryKind.Event) with
            {
                CompletionIndex = ++_lastCompletionIndex,
                Result = message.Payload,
                Attempts = 1,
            };
            _work.Writer.TryWrite(new WorkItem.Delivery(wait, entry,
                CommitLocked([PutLocked(entry), new DeleteInboxMessage(InstanceId, message.MessageId)])));
        }
    }
}
