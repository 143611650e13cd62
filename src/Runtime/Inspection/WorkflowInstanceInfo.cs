using Workflows.Storage;

namespace Workflows;

/// <summary>A snapshot of one instance's state.</summary>
public sealed record WorkflowInstanceInfo
{
    /// <summary>The instance ID.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The workflow name.</summary>
    public required string WorkflowName { get; init; }

    /// <summary>The durable status.</summary>
    public WorkflowStatus Status { get; init; }

    /// <summary>The execution number.</summary>
    public int Execution { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When its record last changed (UTC).</summary>
    public DateTime UpdatedAt { get; init; }

    /// <summary>When it reached a terminal status (UTC).</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>The failure of a failed instance.</summary>
    public WorkflowError? Error { get; init; }

    /// <summary>The reason given with a cancellation or termination.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The input of the current execution as JSON.</summary>
    public string? InputJson { get; init; }

    /// <summary>The instance that started this one as its child; null for an instance started by a client.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The parent's execution that started this child (0 without a parent).</summary>
    public int ParentExecution { get; init; }

    /// <summary>The parent's operation that started this child.</summary>
    public string? ParentOperationId { get; init; }

    /// <summary>The result as JSON, once completed.</summary>
    public string? OutputJson { get; init; }

    /// <summary>The custom status the workflow last set with <see cref="Workflow.SetStatus{T}"/>, as JSON; null when it set none.</summary>
    public string? CustomStatusJson { get; init; }

    /// <summary>
    /// Why a <see cref="WorkflowStatus.Running"/> instance makes no progress in this process (a nondeterminism after
    /// a code change, an unregistered workflow, a store failure); null while it runs normally.
    /// </summary>
    public string? StalledReason { get; init; }

    internal static WorkflowInstanceInfo From(InstanceRecord record, string? stalledReason = null) => new()
    {
        InstanceId = record.InstanceId,
        WorkflowName = record.WorkflowName,
        Status = record.Status,
        Execution = record.Execution,
        CreatedAt = record.CreatedAt,
        UpdatedAt = record.UpdatedAt,
        CompletedAt = record.CompletedAt,
        Error = record.Error,
        StatusReason = record.StatusReason,
        InputJson = record.Input,
        ParentInstanceId = record.ParentInstanceId,
        ParentExecution = record.ParentExecution,
        ParentOperationId = record.ParentOperationId,
        OutputJson = record.Output,
        CustomStatusJson = record.CustomStatus,
        StalledReason = stalledReason,
    };
}
