namespace Workflows;

/// <summary>One page of listed instances, newest first.</summary>
/// <param name="Instances">The instances of this page.</param>
/// <param name="ContinuationToken">Pass it as <see cref="WorkflowInstanceQuery.ContinuationToken"/> for the next page; null on the last page.</param>
public sealed record WorkflowInstancePage(IReadOnlyList<WorkflowInstanceInfo> Instances, string? ContinuationToken);
