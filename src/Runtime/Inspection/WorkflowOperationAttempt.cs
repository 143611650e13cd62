namespace Workflows;

/// <summary>A failed attempt of a step that was retried.</summary>
/// <param name="Attempt">Its number, from 1.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="FailedAt">When its failure was recorded (UTC).</param>
/// <param name="Error">Why it failed.</param>
public sealed record WorkflowOperationAttempt(int Attempt, DateTime? StartedAt, DateTime FailedAt, WorkflowError Error);
