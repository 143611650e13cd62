namespace Workflows;

/// <summary>
/// Declares a schedule of the workflow (a method with <see cref="WorkflowAttribute"/> and no parameters): the engine
/// creates it when it starts, changes it when the attribute changed, and deletes it when the attribute is gone. Give a
/// cron expression, or <see cref="IntervalSeconds"/> instead. The schedule's ID is <see cref="Id"/>, or the workflow's
/// name; a workflow with several schedules names each.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class ScheduleAttribute : Attribute
{
    /// <summary>A schedule of fixed intervals: set <see cref="IntervalSeconds"/>.</summary>
    public ScheduleAttribute() { }

    /// <summary>A schedule at the times of <paramref name="cronExpression"/> (five fields, or six with seconds first), in <see cref="TimeZone"/>.</summary>
    public ScheduleAttribute(string cronExpression) => CronExpression = cronExpression;

    /// <summary>The cron expression; null for an interval schedule.</summary>
    public string? CronExpression { get; }

    /// <summary>The schedule's ID; defaults to the workflow's name.</summary>
    public string? Id { get; set; }

    /// <summary>The cron expression's time zone (IANA or Windows ID); UTC when not set.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The interval between runs, in seconds, for a schedule without a cron expression.</summary>
    public int IntervalSeconds { get; set; }

    /// <summary>Where in each interval the runs fall, in seconds from the Unix epoch.</summary>
    public int OffsetSeconds { get; set; }

    /// <summary>Up to how many seconds later than its scheduled time each run starts.</summary>
    public int JitterSeconds { get; set; }

    /// <summary>What to do when a run falls due while the previous one still runs.</summary>
    public ScheduleOverlapPolicy Overlap { get; set; }

    /// <summary>How late, in seconds, a missed run may still start after downtime; 0 for the default (<see cref="SchedulePolicy.DefaultCatchupWindow"/>).</summary>
    public int CatchupWindowSeconds { get; set; }
}
