using Cronos;

namespace Workflows;

/// <summary>
/// When a schedule starts its workflow: either a cron expression in a time zone, or a fixed interval (with an offset)
/// counted from the Unix epoch. Each scheduled time may be moved later by up to <see cref="Jitter"/>, the same amount
/// on every worker. <see cref="StartAt"/> and <see cref="EndAt"/> bound the times that count.
/// </summary>
public sealed record ScheduleSpec
{
    /// <summary>The cron expression: five fields (minute precision) or six (with seconds first); null for an interval.</summary>
    public string? CronExpression { get; init; }

    /// <summary>The time zone of <see cref="CronExpression"/> (an IANA or Windows ID); null is UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The interval between runs (one second or more); null for a cron expression.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>Where within each <see cref="Interval"/> the runs fall, counted from the Unix epoch: an hourly interval with an offset of 5 minutes runs at :05.</summary>
    public TimeSpan Offset { get; init; }

    /// <summary>Up to how much later than its scheduled time each run starts, chosen per scheduled time from the schedule ID (so every worker agrees).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>No scheduled time before this counts; null for no bound.</summary>
    public DateTime? StartAt { get; init; }

    /// <summary>No scheduled time after this counts: past it the schedule has nothing left to do; null for no bound.</summary>
    public DateTime? EndAt { get; init; }

    /// <summary>Runs at the times of the cron expression <paramref name="expression"/> in <paramref name="timeZone"/> (UTC when null).</summary>
    /// <exception cref="ArgumentException">The expression or the time zone is not valid.</exception>
    public static ScheduleSpec Cron(string expression, string? timeZone = null)
    {
        var spec = new ScheduleSpec { CronExpression = expression, TimeZone = timeZone };
        spec.Validate();
        return spec;
    }

    /// <summary>Runs every <paramref name="interval"/>, at <paramref name="offset"/> into each interval counted from the Unix epoch.</summary>
    /// <exception cref="ArgumentException">The interval is shorter than a second, or the offset is not within it.</exception>
    public static ScheduleSpec Every(TimeSpan interval, TimeSpan offset = default)
    {
        var spec = new ScheduleSpec { Interval = interval, Offset = offset };
        spec.Validate();
        return spec;
    }

    /// <summary>The spec in words, e.g. <c>cron '0 3 * * *' Europe/Berlin</c> or <c>every 01:00:00 at +00:05:00, jitter 00:00:30</c>.</summary>
    public override string ToString() =>
        (CronExpression is { } cron ? $"cron '{cron}' {TimeZone ?? "UTC"}" : $"every {Interval}" + (Offset > TimeSpan.Zero ? $" at +{Offset}" : ""))
        + (Jitter > TimeSpan.Zero ? $", jitter {Jitter}" : "")
        + (StartAt is { } start ? $", from {start:O}" : "")
        + (EndAt is { } end ? $", until {end:O}" : "");

    /// <summary>Throws an <see cref="ArgumentException"/> that says what is wrong with this spec.</summary>
    public void Validate()
    {
        if ((CronExpression is null) == (Interval is null))
            throw new ArgumentException("A schedule spec needs exactly one of a cron expression (ScheduleSpec.Cron) and an interval (ScheduleSpec.Every).", nameof(CronExpression));
        if (CronExpression is not null)
        {
            ParseCron(CronExpression);
            ResolveTimeZone(TimeZone);
        }
        else
        {
            if (TimeZone is not null)
                throw new ArgumentException($"The time zone '{TimeZone}' applies to cron expressions only; an interval counts from the Unix epoch in UTC. Use the offset to place it.", nameof(TimeZone));
            if (Interval < TimeSpan.FromSeconds(1))
                throw new ArgumentException($"The schedule interval {Interval} is shorter than the shortest allowed, one second.", nameof(Interval));
            if (Offset < TimeSpan.Zero || Offset >= Interval)
                throw new ArgumentException($"The schedule offset {Offset} must be at least zero and shorter than the interval {Interval}.", nameof(Offset));
        }
        if (Jitter < TimeSpan.Zero)
            throw new ArgumentException($"The schedule jitter {Jitter} is negative.", nameof(Jitter));
        if (StartAt is { } start && EndAt is { } end && end < start)
            throw new ArgumentException($"The schedule ends ({end:O}) before it starts ({start:O}).", nameof(EndAt));
    }

    internal static CronExpression ParseCron(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            return Cronos.CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw new ArgumentException($"The cron expression '{expression}' is not valid: {e.Message} Use five fields (minute hour day-of-month month day-of-week) or six with seconds first.", nameof(expression), e);
        }
    }

    internal static TimeZoneInfo ResolveTimeZone(string? timeZone)
    {
        if (timeZone is null) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"The time zone '{timeZone}' is not known on this machine: use an IANA ID such as 'Europe/Berlin' (or a Windows ID); on Linux the tzdata package provides them.", nameof(timeZone), e);
        }
    }
}
