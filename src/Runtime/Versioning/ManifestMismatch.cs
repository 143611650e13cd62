namespace Workflows.Versioning;

/// <summary>Where a recorded manifest and the current one part: the recorded call, the current one there, and what to do about a deprecated patch.</summary>
internal sealed record ManifestMismatch(WorkflowCallSite? Recorded, WorkflowCallSite? Current, string? Hint);
