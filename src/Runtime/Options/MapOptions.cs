namespace Workflows;

/// <summary>How <see cref="Workflow.MapAsync{TItem, TResult}"/> and <see cref="Workflow.ParallelAsync{T}"/> run their items.</summary>
public sealed record MapOptions
{
    /// <summary>Runs every item at once, fail-fast, with no failure tolerated.</summary>
    public static MapOptions Default { get; } = new();

    /// <summary>How many items run at a time; null for all at once.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>What a failure does to the other items. Default <see cref="BatchFailureMode.FailFast"/>.</summary>
    public BatchFailureMode FailureMode { get; init; } = BatchFailureMode.FailFast;

    /// <summary>The batch fails unless at least this many items succeed; null for "all but the tolerated failures".</summary>
    public int? MinSuccessful { get; init; }

    /// <summary>How many failed items the batch tolerates. Default 0.</summary>
    public int ToleratedFailures { get; init; }

    /// <summary>The share of failed items, from 0 to 100, the batch tolerates, on top of <see cref="ToleratedFailures"/>.</summary>
    public double ToleratedFailurePercentage { get; init; }

    /// <summary>
    /// Completes the batch as soon as this many items have succeeded (1: the first to succeed): items not started yet
    /// are not run and running ones stop at their next durable call, all recorded as
    /// <see cref="BatchItemStatus.Canceled"/>, so replay agrees; the result tells which items finished. Null (the
    /// default) waits for every item.
    /// </summary>
    public int? CompleteAfterSuccesses { get; init; }

    /// <summary>
    /// Runs items as virtual scopes: no per-item records, so a resumed batch replays its items' inner operations
    /// instead of returning recorded item results. Operation IDs stay unique.
    /// </summary>
    public bool VirtualItems { get; init; }

    internal void Validate()
    {
        if (MaxConcurrency is < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "MaxConcurrency must be at least 1 (or null for unbounded).");
        if (CompleteAfterSuccesses is < 1) throw new ArgumentOutOfRangeException(nameof(CompleteAfterSuccesses), CompleteAfterSuccesses, "CompleteAfterSuccesses must be at least 1 (or null to wait for every item).");
        if (MinSuccessful is < 0) throw new ArgumentOutOfRangeException(nameof(MinSuccessful), MinSuccessful, "MinSuccessful must not be negative.");
        if (ToleratedFailures < 0) throw new ArgumentOutOfRangeException(nameof(ToleratedFailures), ToleratedFailures, "ToleratedFailures must not be negative.");
        if (ToleratedFailurePercentage is < 0 or > 100 || double.IsNaN(ToleratedFailurePercentage))
            throw new ArgumentOutOfRangeException(nameof(ToleratedFailurePercentage), ToleratedFailurePercentage, "ToleratedFailurePercentage must be between 0 and 100.");
    }

    /// <summary>Whether the batch completed early: <see cref="CompleteAfterSuccesses"/> items succeeded.</summary>
    internal bool CompletedEarly(int succeeded) => CompleteAfterSuccesses is { } enough && succeeded >= enough;

    /// <summary>Whether <paramref name="failed"/> failures out of <paramref name="total"/> items are still within tolerance.</summary>
    internal bool Tolerates(int failed, int total) =>
        failed <= ToleratedFailures + (int)Math.Floor(total * ToleratedFailurePercentage / 100.0);
}
