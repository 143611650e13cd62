namespace Workflows;

/// <summary>What a schedule did about one scheduled (or triggered, or backfilled) time.</summary>
public enum ScheduleRunOutcome
{
    /// <summary>It started the run.</summary>
    Started,
    /// <summary>The previous run was still going, so it did not start one (overlap policy skip or a full buffer).</summary>
    Skipped,
    /// <summary>The previous run was still going, so the run waits to start when it ends (overlap policy buffer one).</summary>
    Buffered,
    /// <summary>The time had passed by more than the catch-up window when the schedule woke.</summary>
    Missed,
    /// <summary>An instance with the run's ID already existed (a backfill of a time that already ran).</summary>
    AlreadyStarted,
}
