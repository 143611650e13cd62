namespace Workflows;

/// <summary>
/// Which instances <see cref="IWorkflowInspector.QueryInstancesAsync"/>
/// returns: every filter that is set must match. Pages run newest first; pass a page's
/// <see cref="WorkflowInstancePage.ContinuationToken"/> to get the next one.
/// </summary>
public sealed record WorkflowInstanceQuery
{
    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Only instances of this workflow.</summary>
    public string? WorkflowName { get; init; }

    /// <summary>Only instances in this status.</summary>
    public WorkflowStatus? Status { get; init; }

    /// <summary>Only instances created at or after this time (UTC).</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time (UTC).</summary>
    public DateTime? CreatedBefore { get; init; }

    /// <summary>Only instances whose ID starts with this text.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Only the children of this instance.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>How many instances a page holds at most: 1 to <see cref="MaxPageSize"/>, 50 by default.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>The previous page's <see cref="WorkflowInstancePage.ContinuationToken"/>; null for the first page.</summary>
    public string? ContinuationToken { get; init; }
}
