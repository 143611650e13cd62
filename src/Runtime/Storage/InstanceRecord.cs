namespace Workflows.Storage;

/// <summary>The durable state of one workflow instance.</summary>
public sealed record InstanceRecord
{
    /// <summary>The instance ID.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The registered workflow name.</summary>
    public required string WorkflowName { get; init; }

    /// <summary>Where the instance stands.</summary>
    public WorkflowStatus Status { get; init; }

    /// <summary>The execution number, from 1; continue-as-new starts the next one.</summary>
    public int Execution { get; init; } = 1;

    /// <summary>The stored form of the workflow's <see cref="WorkflowManifest"/> the instance runs under, when it has one.</summary>
    public string? Manifest { get; init; }

    /// <summary>The parent instance, for a child workflow.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The parent's execution that started this child: only that execution receives its completion.</summary>
    public int ParentExecution { get; init; }

    /// <summary>The parent's operation that waits for this child.</summary>
    public string? ParentOperationId { get; init; }

    /// <summary>The input as JSON.</summary>
    public string? Input { get; init; }

    /// <summary>The result as JSON, once completed.</summary>
    public string? Output { get; init; }

    /// <summary>The failure, once failed.</summary>
    public WorkflowError? Error { get; init; }

    /// <summary>The reason given with a cancellation or termination.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The custom status the workflow last set with <see cref="Workflow.SetStatus{T}"/>, as JSON.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>When the instance, across continue-as-new, times out (UTC); null for never.</summary>
    public DateTime? ExecutionDeadline { get; init; }

    /// <summary>How long each execution may run; null for no limit.</summary>
    public TimeSpan? RunTimeout { get; init; }

    /// <summary>When the current execution times out (UTC); null for never.</summary>
    public DateTime? RunDeadline { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the record last changed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }

    /// <summary>When the instance reached a terminal status (UTC).</summary>
    public DateTime? CompletedAt { get; init; }
}
