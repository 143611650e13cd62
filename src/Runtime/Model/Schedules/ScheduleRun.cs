namespace Workflows;

/// <summary>One scheduled time and what the schedule did about it.</summary>
/// <param name="ScheduledAt">The scheduled time (UTC), before jitter; for a trigger, the time it was asked for.</param>
/// <param name="InstanceId">The run's instance ID (<c>{scheduleId}@{time}</c>), also for a run it did not start.</param>
/// <param name="Outcome">What it did.</param>
/// <param name="At">When it did it (UTC).</param>
/// <param name="Reason">Why it did not start the run, or how it came about (trigger, backfill).</param>
public sealed record ScheduleRun(DateTime ScheduledAt, string InstanceId, ScheduleRunOutcome Outcome, DateTime At, string? Reason = null);
