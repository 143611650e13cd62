namespace Workflows;

/// <summary>What each run of a schedule starts: a workflow, with an input (serialized when the schedule is created).</summary>
/// <param name="WorkflowName">The durable name of the workflow to start.</param>
/// <param name="Input">Its input; null for a workflow without one.</param>
public sealed record ScheduleAction(string WorkflowName, object? Input = null);
