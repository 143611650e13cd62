namespace Workflows.Hosting;

/// <summary>
/// The engine settings read from configuration (section <see cref="SectionName"/>), for example in appsettings.json:
/// <c>"Workflows": { "StorePath": "app.db", "MaxConcurrentSteps": 64, "RetainFinishedFor": "30.00:00:00" }</c>.
/// Code passed to <c>AddWorkflows</c> runs after them and wins.
/// </summary>
public sealed class WorkflowsSettings
{
    /// <summary>The configuration section the settings are read from.</summary>
    public const string SectionName = "Workflows";

    /// <summary>The LiteDB checkpoint file; a relative path is resolved against the host's content root.</summary>
    public string? StorePath { get; set; }

    /// <summary>The password the checkpoint file is encrypted with; null for an unencrypted file.</summary>
    public string? StorePassword { get; set; }

    /// <summary>See <see cref="WorkflowEngineOptions.MaxConcurrentInstances"/>.</summary>
    public int? MaxConcurrentInstances { get; set; }

    /// <summary>See <see cref="WorkflowEngineOptions.MaxConcurrentSteps"/>.</summary>
    public int? MaxConcurrentSteps { get; set; }

    /// <summary>See <see cref="WorkflowEngineOptions.MaxPayloadBytes"/>.</summary>
    public int? MaxPayloadBytes { get; set; }

    /// <summary>See <see cref="WorkflowEngineOptions.RetainFinishedFor"/>.</summary>
    public TimeSpan? RetainFinishedFor { get; set; }

    /// <summary>See <see cref="WorkflowEngineOptions.EvictSuspendedAfter"/>.</summary>
    public TimeSpan? EvictSuspendedAfter { get; set; }

    internal void ApplyTo(WorkflowEngineOptions options, string? contentRoot)
    {
        if (StorePath is { Length: > 0 } path)
        {
            var fullPath = contentRoot is null ? path : Path.Combine(contentRoot, path);
            options.UseLiteDb(fullPath, new Storage.LiteDb.LiteDbStoreOptions { Password = StorePassword });
        }
        if (MaxConcurrentInstances is { } instances) options.MaxConcurrentInstances = instances;
        if (MaxConcurrentSteps is { } steps) options.MaxConcurrentSteps = steps;
        if (MaxPayloadBytes is { } bytes) options.MaxPayloadBytes = bytes;
        if (RetainFinishedFor is { } retain) options.RetainFinishedFor = retain;
        if (EvictSuspendedAfter is { } evict) options.EvictSuspendedAfter = evict;
    }
}
