namespace Workflows;

/// <summary>One operation of an instance's history, with the operations inside it.</summary>
public sealed record WorkflowOperation
{
    /// <summary>The operation ID (<c>{scope}/{name}#{n}</c>).</summary>
    public required string Id { get; init; }

    /// <summary>What it is.</summary>
    public required WorkflowOperationKind Kind { get; init; }

    /// <summary>Its name: the step or scope name, the event's name for an event wait, the item index for a fan-out item.</summary>
    public required string Name { get; init; }

    /// <summary>Where it stands.</summary>
    public required WorkflowOperationStatus Status { get; init; }

    /// <summary>When it started running live (UTC), if recorded: a step's first attempt in the run that recorded it, a timer's start.</summary>
    public DateTime? StartedAt { get; init; }

    /// <summary>When its latest record was written (UTC); null for an operation known only by the operations inside it.</summary>
    public DateTime? RecordedAt { get; init; }

    /// <summary>How many attempts a step made (or has made so far).</summary>
    public int Attempts { get; init; }

    /// <summary>When a timer fires, an event wait times out, or a retrying step tries again (UTC).</summary>
    public DateTime? DueAt { get; init; }

    /// <summary>The result (or the delivered payload) as JSON.</summary>
    public string? ResultJson { get; init; }

    /// <summary>Why it failed, for a failed or cancelled operation.</summary>
    public WorkflowError? Error { get; init; }

    /// <summary>The error of a step's last failed attempt, also when a later attempt succeeded or is still to come.</summary>
    public WorkflowError? LastFailedAttemptError { get; init; }

    /// <summary>
    /// A retried step's failed attempts, each with its timing and error (the attempt that ended a failed step is
    /// <see cref="Error"/>); empty for steps recorded before attempts were kept.
    /// </summary>
    public IReadOnlyList<WorkflowOperationAttempt> FailedAttempts { get; init; } = [];

    /// <summary>The child instance a child workflow operation started.</summary>
    public string? ChildInstanceId { get; init; }

    /// <summary>The status of that child instance.</summary>
    public WorkflowStatus? ChildStatus { get; init; }

    /// <summary>How many items a fan-out has started.</summary>
    public int ItemCount { get; init; }

    /// <summary>The operations inside this one (a fan-out's items, a scope's operations), in recorded order.</summary>
    public IReadOnlyList<WorkflowOperation> Operations { get; init; } = [];
}
