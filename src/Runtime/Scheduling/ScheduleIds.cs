using System.Globalization;

namespace Workflows.Scheduling;

/// <summary>The instance IDs of schedules and of the runs they start.</summary>
internal static class ScheduleIds
{
    /// <summary>The prefix of the instance that carries a schedule.</summary>
    public const string InstancePrefix = "schedule:";

    /// <summary>The longest schedule ID: room for the prefix, and for the time in its runs' IDs.</summary>
    public const int MaxLength = InstanceIds.MaxLength - 30;

    public static string Instance(string scheduleId) => InstancePrefix + scheduleId;

    /// <summary>
    /// The run of <paramref name="scheduleId"/> at <paramref name="scheduledAt"/>: one ID per scheduled time, so a
    /// crash or a second worker can never start it twice.
    /// </summary>
    public static string Run(string scheduleId, DateTime scheduledAt) =>
        scheduleId + "@" + scheduledAt.ToString(scheduledAt.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <exception cref="ArgumentException">The schedule ID is not a valid instance ID, or too long.</exception>
    public static void Validate(string? scheduleId)
    {
        InstanceIds.Validate(scheduleId, nameof(scheduleId));
        if (scheduleId!.Length > MaxLength)
            throw new ArgumentException($"The schedule ID '{scheduleId[..32]}…' is {scheduleId.Length} characters long; at most {MaxLength} are allowed (its runs' IDs add the scheduled time).", nameof(scheduleId));
    }
}
