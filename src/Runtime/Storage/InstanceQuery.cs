namespace Workflows.Storage;

/// <summary>
/// Which instances a store lists and how many: every filter that is set must match. Pages run newest first (by
/// creation time, then instance ID, both descending) and continue after <see cref="After"/>.
/// </summary>
public sealed record InstanceQuery
{
    /// <summary>Only instances of this workflow.</summary>
    public string? WorkflowName { get; init; }

    /// <summary>Only instances in this status.</summary>
    public WorkflowStatus? Status { get; init; }

    /// <summary>Only instances created at or after this time (UTC).</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time (UTC).</summary>
    public DateTime? CreatedBefore { get; init; }

    /// <summary>Only instances whose ID starts with this text (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Only the child instances of this instance.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>At most this many instances (at least 1).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>The position the page continues from: the last instance of the previous page.</summary>
    public InstanceCursor? After { get; init; }

    /// <summary>Whether <paramref name="instance"/> passes every filter and comes after <see cref="After"/>.</summary>
    public bool Matches(InstanceRecord instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return (WorkflowName is null || string.Equals(instance.WorkflowName, WorkflowName, StringComparison.Ordinal))
            && (Status is null || instance.Status == Status)
            && (CreatedFrom is null || instance.CreatedAt >= CreatedFrom)
            && (CreatedBefore is null || instance.CreatedAt < CreatedBefore)
            && (InstanceIdPrefix is null || instance.InstanceId.StartsWith(InstanceIdPrefix, StringComparison.Ordinal))
            && (ParentInstanceId is null || string.Equals(instance.ParentInstanceId, ParentInstanceId, StringComparison.Ordinal))
            && (After is not { } after || after.Precedes(instance));
    }
}
