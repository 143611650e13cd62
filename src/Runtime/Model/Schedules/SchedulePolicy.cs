namespace Workflows;

/// <summary>How a schedule treats overlapping runs and the runs it missed while no engine ran it.</summary>
public sealed record SchedulePolicy
{
    /// <summary>The catch-up window when none is set: one minute.</summary>
    public static readonly TimeSpan DefaultCatchupWindow = TimeSpan.FromMinutes(1);

    /// <summary>What to do when a run falls due while the previous one still runs.</summary>
    public ScheduleOverlapPolicy Overlap { get; init; } = ScheduleOverlapPolicy.Skip;

    /// <summary>
    /// How late a run may still start after downtime: scheduled times older than this when the schedule wakes are
    /// counted as missed, the others start (in order, subject to <see cref="Overlap"/>).
    /// </summary>
    public TimeSpan CatchupWindow { get; init; } = DefaultCatchupWindow;

    /// <summary>Throws an <see cref="ArgumentException"/> that says what is wrong with this policy.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Overlap))
            throw new ArgumentException($"The overlap policy {(int)Overlap} is not one of {string.Join(", ", Enum.GetNames<ScheduleOverlapPolicy>())}.", nameof(Overlap));
        if (CatchupWindow < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"The catch-up window {CatchupWindow} is shorter than one second: a run that is a moment late would count as missed.", nameof(CatchupWindow));
    }
}
