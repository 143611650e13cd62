using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>A durable operation that workflow code awaits: it is completed only by a journaled outcome.</summary>
internal abstract class PendingOperation(OperationKey key, string name)
{
    public OperationKey Key { get; } = key;

    public string Name { get; } = name;

    /// <summary>The task workflow code awaits, for the operations it awaits.</summary>
    public virtual Task? Awaited => null;

    /// <summary>When it started running live: in this run, or in the run that first recorded its progress.</summary>
    public DateTime StartedAt { get; private set; }

    /// <summary>Whether its outcome is journaled (written by the journal under its lock, read under it).</summary>
    public bool OutcomeRecorded { get; set; }

    /// <summary>Hands the recorded outcome to workflow code. Runs on the instance's scheduler.</summary>
    public abstract void Deliver(JournalEntry entry);

    /// <summary>Whether it starts at once even while the instance replays (its body is workflow code).</summary>
    public virtual bool RunsDuringReplay => false;

    /// <summary>Runs the operation live from the recorded progress (<paramref name="recorded"/>, if any).</summary>
    public abstract void Start(JournalEntry? recorded);

    /// <summary>Starts it live, dated by its recorded start when a run before this one recorded its progress.</summary>
    public void StartLive(JournalEntry? recorded)
    {
        StartedAt = recorded?.StartedAt ?? DateTime.UtcNow;
        Start(recorded);
    }
}
