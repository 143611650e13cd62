namespace Workflows.Dashboard;

/// <summary>The body of a cancel, terminate or suspend request.</summary>
/// <param name="Reason">Why; stored with the instance.</param>
public sealed record ActionRequest(string? Reason);
