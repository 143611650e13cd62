namespace Workflows;

/// <summary>What a schedule does when a run falls due while its previous run is still going.</summary>
public enum ScheduleOverlapPolicy
{
    /// <summary>The new run is not started (recorded as skipped). The default.</summary>
    Skip,
    /// <summary>One run waits and starts once the previous one ended; further ones meanwhile are skipped.</summary>
    BufferOne,
    /// <summary>The new run starts beside the previous one.</summary>
    AllowAll,
    /// <summary>The previous run is asked to cancel (its cancellation handlers run) and the new one starts at once.</summary>
    CancelPrevious,
    /// <summary>The previous run is terminated (no more of its code runs) and the new one starts.</summary>
    TerminatePrevious,
}
