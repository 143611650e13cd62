namespace Workflows.Execution;

/// <summary>
/// A <see cref="Task.WhenAny(Task[])"/> of workflow code with event waits among its entrants. While it is undecided, an
/// entrant wait takes no event once another entrant's outcome is journaled: that entrant wins on replay, so the event
/// would be lost to a wait the code has left. Once decided, the losing waits keep waiting behind every wait that lost
/// no race, so a wait the code abandoned does not take the event a newer wait of its name is there for.
/// </summary>
internal sealed class EventRace(IReadOnlyList<PendingOperation> entrants)
{
    /// <summary>Whether an entrant other than <paramref name="entrant"/> has a journaled outcome. Asked under the journal's lock.</summary>
    public bool IsWonByOtherThan(PendingOperation entrant)
    {
        foreach (var other in entrants)
        {
            if (other != entrant && other.OutcomeRecorded) return true;
        }
        return false;
    }

    /// <summary>Ends the race with <paramref name="winner"/> (the task the code got back): its losing waits step back.</summary>
    public void Decide(Task winner, InstanceInbox inbox) => inbox.EndRace(this, entrants.OfType<PendingEventWait>(), winner);
}
