using System.Collections.Concurrent;
using Cronos;

namespace Workflows.Scheduling;

/// <summary>The sequence of times a <see cref="ScheduleSpec"/> names, and the jitter of each.</summary>
internal static class ScheduleTimes
{
    private static readonly ConcurrentDictionary<string, CronExpression> Parsed = new(StringComparer.Ordinal);

    /// <summary>The first scheduled time strictly after <paramref name="after"/> within the spec's bounds; null when there is none.</summary>
    public static DateTime? Next(ScheduleSpec spec, DateTime after)
    {
        after = DateTime.SpecifyKind(after, DateTimeKind.Utc);
        if (spec.StartAt is { } start && Utc(start) > after) after = Utc(start).AddTicks(-1);
        DateTime? next = spec.CronExpression is { } expression
            ? Parsed.GetOrAdd(expression, ScheduleSpec.ParseCron).GetNextOccurrence(after, ScheduleSpec.ResolveTimeZone(spec.TimeZone))
            : NextInterval(spec.Interval!.Value, spec.Offset, after);
        return next is { } time && spec.EndAt is { } end && time > Utc(end) ? null : next;
    }

    /// <summary>The next <paramref name="count"/> scheduled times after <paramref name="after"/>.</summary>
    public static IReadOnlyList<DateTime> Upcoming(ScheduleSpec spec, DateTime after, int count)
    {
        var times = new List<DateTime>(count);
        while (times.Count < count && Next(spec, after) is { } next)
        {
            times.Add(next);
            after = next;
        }
        return times;
    }

    /// <summary>How much later than <paramref name="scheduledAt"/> its run starts: the same on every worker and every replay.</summary>
    public static TimeSpan JitterOf(string scheduleId, DateTime scheduledAt, TimeSpan jitter)
    {
        if (jitter <= TimeSpan.Zero) return TimeSpan.Zero;
        var hash = (uint)StableHashing.Of($"{scheduleId}@{scheduledAt.Ticks}");
        return TimeSpan.FromTicks((long)(hash / (double)uint.MaxValue * jitter.Ticks));
    }

    private static DateTime NextInterval(TimeSpan interval, TimeSpan offset, DateTime after)
    {
        var origin = DateTime.UnixEpoch + offset;
        var elapsed = (after - origin).Ticks;
        return elapsed < 0 ? origin : origin + TimeSpan.FromTicks((elapsed / interval.Ticks + 1) * interval.Ticks);
    }

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
