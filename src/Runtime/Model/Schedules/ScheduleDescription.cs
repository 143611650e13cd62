namespace Workflows;

/// <summary>A schedule as it stands: its definition, its state and what it did lately and will do next.</summary>
public sealed record ScheduleDescription
{
    /// <summary>The schedule's ID.</summary>
    public required string ScheduleId { get; init; }

    /// <summary>When it starts runs.</summary>
    public required ScheduleSpec Spec { get; init; }

    /// <summary>How it treats overlapping and missed runs.</summary>
    public required SchedulePolicy Policy { get; init; }

    /// <summary>The workflow each run starts.</summary>
    public required string WorkflowName { get; init; }

    /// <summary>The input each run starts with, as JSON; null for none.</summary>
    public string? InputJson { get; init; }

    /// <summary>Whether it is paused: no runs start until it is unpaused.</summary>
    public bool Paused { get; init; }

    /// <summary>The note given with its last pause or unpause.</summary>
    public string? Note { get; init; }

    /// <summary>Whether a <see cref="ScheduleAttribute"/> declared it; the engine keeps such schedules in line with the code.</summary>
    public bool Declared { get; init; }

    /// <summary>The next scheduled times (UTC, before jitter); empty when paused or when none are left.</summary>
    public IReadOnlyList<DateTime> NextRunTimes { get; init; } = [];

    /// <summary>The last scheduled times dealt with and what became of them, oldest first.</summary>
    public IReadOnlyList<ScheduleRun> RecentRuns { get; init; } = [];

    /// <summary>The scheduled time of the run waiting for the previous one to end, if any.</summary>
    public DateTime? BufferedRun { get; init; }

    /// <summary>The instance ID of the last run started.</summary>
    public string? LastRunInstanceId { get; init; }

    /// <summary>How many runs it started.</summary>
    public long StartedRuns { get; init; }

    /// <summary>How many runs it skipped because the previous one still ran.</summary>
    public long SkippedRuns { get; init; }

    /// <summary>How many scheduled times passed outside the catch-up window while no engine ran it.</summary>
    public long MissedRuns { get; init; }

    /// <summary>When it was created.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When it was last changed (created, updated, paused or unpaused).</summary>
    public DateTime UpdatedAt { get; init; }
}
