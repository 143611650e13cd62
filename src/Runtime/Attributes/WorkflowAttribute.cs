namespace Workflows;

/// <summary>
/// Marks an async method as a durable workflow: its durable call sites get deterministic operation IDs and
/// checkpoints, and an interrupted run resumes where it stopped.
/// </summary>
/// <remarks>The workflow name is part of the durable contract: renaming it orphans in-flight instances.</remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class WorkflowAttribute : Attribute
{
    /// <summary>The durable name of the workflow; defaults to the method name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// How long an instance may run in all, across continue-as-new, in seconds; 0 (the default) for no limit.
    /// <see cref="StartWorkflowOptions.ExecutionTimeout"/> overrides it; children get it too.
    /// </summary>
    public int ExecutionTimeoutSeconds { get; set; }

    /// <summary>
    /// How long each execution may run, in seconds; 0 (the default) for no limit.
    /// <see cref="StartWorkflowOptions.RunTimeout"/> overrides it; children get it too.
    /// </summary>
    public int RunTimeoutSeconds { get; set; }

    /// <summary>
    /// How often in a row an instance may be recovered (resumed after its process died) without progress before it is
    /// suspended; 0 (the default) for <see cref="WorkflowEngineOptions.MaxRecoveryAttempts"/>.
    /// </summary>
    public int MaxRecoveryAttempts { get; set; }
}
