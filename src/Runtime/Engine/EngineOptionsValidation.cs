namespace Workflows;

/// <summary>Rejects option values an engine cannot run with, naming the option and what to set.</summary>
internal static class EngineOptionsValidation
{
    public static void Validate(WorkflowEngineOptions options)
    {
        if (options.ContinueAsNewSuggestedAfter < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.ContinueAsNewSuggestedAfter, "ContinueAsNewSuggestedAfter must be at least 1.");
        if (options.MaxRecoveryAttempts is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRecoveryAttempts, "MaxRecoveryAttempts must be at least 1, or null for no limit.");
        if (options.MaxPayloadBytes < 1024)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPayloadBytes, "MaxPayloadBytes must be at least 1,024.");
        if (options.MaxConcurrentInstances is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrentInstances, "MaxConcurrentInstances must be at least 1, or null for no limit.");
        if (options.MaxConcurrentSteps is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrentSteps, "MaxConcurrentSteps must be at least 1, or null for no limit.");
        if (options.RetainFinishedFor is { } retain && retain <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), retain, "RetainFinishedFor must be positive, or null to keep finished instances.");
        if (options.EvictSuspendedAfter is { } evict && evict < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), evict, "EvictSuspendedAfter must not be negative, or null to keep instances in memory.");
        if (options.TimeProvider is null)
            throw new ArgumentException("TimeProvider must not be null: leave it as TimeProvider.System, or pass a test clock.", nameof(options));
    }
}
