namespace Workflows;

/// <summary>No schedule has the ID (it was never created, or it was deleted).</summary>
public sealed class ScheduleNotFoundException : WorkflowException
{
    /// <summary>Creates the exception for <paramref name="scheduleId"/>.</summary>
    public ScheduleNotFoundException(string scheduleId, Exception? innerException)
        : base($"No schedule has the ID '{scheduleId}': it was never created, or it was deleted. WorkflowSchedules.ListAsync lists the schedules there are.", innerException) =>
        ScheduleId = scheduleId;

    /// <summary>The schedule ID that was asked for.</summary>
    public string ScheduleId { get; }
}
