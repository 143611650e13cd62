namespace Workflows.Storage;

/// <summary>How many instances a store holds by workflow and status, and how many started and ended per minute lately.</summary>
/// <param name="Counts">The number of instances per workflow name and status (only pairs that occur).</param>
/// <param name="StartedPerMinute">Instances created per minute (UTC, truncated to the minute) since the time asked for.</param>
/// <param name="EndedPerMinute">Instances that ended per minute since the time asked for.</param>
public sealed record InstanceStatistics(
    IReadOnlyList<InstanceCount> Counts,
    IReadOnlyDictionary<DateTime, int> StartedPerMinute,
    IReadOnlyDictionary<DateTime, int> EndedPerMinute)
{
    /// <summary>The statistics of <paramref name="instances"/>, counting starts and ends at or after <paramref name="since"/>.</summary>
    public static InstanceStatistics Of(IEnumerable<InstanceRecord> instances, DateTime since)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var counts = new Dictionary<(string, WorkflowStatus), int>();
        var started = new SortedDictionary<DateTime, int>();
        var ended = new SortedDictionary<DateTime, int>();
        foreach (var instance in instances)
        {
            var key = (instance.WorkflowName, instance.Status);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            if (instance.CreatedAt >= since) Count(started, instance.CreatedAt);
            if (instance.CompletedAt is { } end && end >= since) Count(ended, end);
        }
        var list = counts.Select(c => new InstanceCount(c.Key.Item1, c.Key.Item2, c.Value))
            .OrderBy(c => c.WorkflowName, StringComparer.Ordinal).ThenBy(c => c.Status).ToList();
        return new InstanceStatistics(list, started, ended);
    }

    /// <summary>The minute <paramref name="time"/> falls in.</summary>
    private static DateTime Minute(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    private static void Count(SortedDictionary<DateTime, int> perMinute, DateTime time)
    {
        var minute = Minute(time);
        perMinute[minute] = perMinute.GetValueOrDefault(minute) + 1;
    }
}
