namespace Workflows.Scheduling;

/// <summary>
/// What a schedule's instance carries from one execution to the next (its input and its continue-as-new input):
/// the definition, where it stands in its sequence of times, and what it did lately.
/// </summary>
internal sealed class ScheduleState
{
    /// <summary>How many recent runs a schedule keeps for its description.</summary>
    public const int RecentRunsKept = 10;

    public required string ScheduleId { get; set; }

    public required ScheduleSpec Spec { get; set; }

    public SchedulePolicy Policy { get; set; } = new();

    public required string WorkflowName { get; set; }

    public string? InputJson { get; set; }

    public bool Paused { get; set; }

    public string? Note { get; set; }

    /// <summary>Whether a [Schedule] attribute declared it (reconciled at engine start) rather than a client call.</summary>
    public bool Declared { get; set; }

    /// <summary>The latest scheduled time dealt with; the next run is the first scheduled time after it.</summary>
    public DateTime Cursor { get; set; }

    /// <summary>The scheduled time of the run that waits for the previous one to end (overlap policy buffer one).</summary>
    public DateTime? Buffered { get; set; }

    /// <summary>How often the schedule has looked in vain whether the buffered run may start (for the back-off).</summary>
    public int BufferChecks { get; set; }

    public string? LastRunId { get; set; }

    public List<ScheduleRun> Recent { get; set; } = [];

    public long StartedRuns { get; set; }

    public long SkippedRuns { get; set; }

    public long MissedRuns { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool Deleted { get; set; }

    public void Record(ScheduleRun run)
    {
        switch (run.Outcome)
        {
            case ScheduleRunOutcome.Started: StartedRuns++; break;
            case ScheduleRunOutcome.Skipped: SkippedRuns++; break;
            case ScheduleRunOutcome.Missed: MissedRuns++; break;
        }
        Recent.Add(run);
        if (Recent.Count > RecentRunsKept) Recent.RemoveRange(0, Recent.Count - RecentRunsKept);
    }

    public ScheduleDescription Describe(DateTime now) => new()
    {
        ScheduleId = ScheduleId,
        Spec = Spec,
        Policy = Policy,
        WorkflowName = WorkflowName,
        InputJson = InputJson,
        Paused = Paused,
        Note = Note,
        Declared = Declared,
        NextRunTimes = Paused || Deleted ? [] : ScheduleTimes.Upcoming(Spec, Cursor > now ? Cursor : now, 5),
        RecentRuns = [.. Recent],
        BufferedRun = Buffered,
        LastRunInstanceId = LastRunId,
        StartedRuns = StartedRuns,
        SkippedRuns = SkippedRuns,
        MissedRuns = MissedRuns,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
