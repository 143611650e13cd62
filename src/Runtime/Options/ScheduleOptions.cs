namespace Workflows;

/// <summary>How a new schedule starts out, beyond its spec and its workflow.</summary>
public sealed record ScheduleOptions
{
    /// <summary>How it treats overlapping and missed runs.</summary>
    public SchedulePolicy Policy { get; init; } = new();

    /// <summary>Whether it starts paused.</summary>
    public bool Paused { get; init; }

    /// <summary>A note shown with it (why it is paused, who made it).</summary>
    public string? Note { get; init; }
}
