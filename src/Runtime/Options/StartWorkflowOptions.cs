namespace Workflows;

/// <summary>Options of a workflow start.</summary>
public sealed record StartWorkflowOptions
{
    /// <summary>The instance ID; null for a generated one.</summary>
    public string? InstanceId { get; init; }

    /// <summary>What to do when the ID is taken. Default <see cref="WorkflowIdReusePolicy.Reject"/>.</summary>
    public WorkflowIdReusePolicy IdReusePolicy { get; init; } = WorkflowIdReusePolicy.Reject;

    /// <summary>
    /// An event delivered with the start (signal-with-start): stored in the same transaction that creates the
    /// instance, or, when the start attaches to a running instance (<see cref="WorkflowIdReusePolicy.UseExisting"/>,
    /// <see cref="WorkflowIdReusePolicy.UseRunning"/>), delivered to that instance alone. Either way it is delivered
    /// exactly once.
    /// </summary>
    public WorkflowEvent? Event { get; init; }

    /// <summary>
    /// How long the instance may run in all, across continue-as-new; once it passes, the instance ends
    /// <see cref="WorkflowStatus.TimedOut"/> and its children follow their parent-close policy. Null for no limit.
    /// </summary>
    public TimeSpan? ExecutionTimeout { get; init; }

    /// <summary>How long each execution may run (restarting at continue-as-new); null for no limit.</summary>
    public TimeSpan? RunTimeout { get; init; }

    /// <summary>
    /// <paramref name="options"/> with <paramref name="instanceId"/> as its instance ID: the form generated typed
    /// clients take both in.
    /// </summary>
    /// <exception cref="ArgumentException">Both name an instance ID, and they differ.</exception>
    public static StartWorkflowOptions For(string? instanceId, StartWorkflowOptions? options)
    {
        options ??= new StartWorkflowOptions();
        if (instanceId is null || instanceId == options.InstanceId) return options;
        if (options.InstanceId is not null)
            throw new ArgumentException($"Two instance IDs were given: '{instanceId}' and options.InstanceId '{options.InstanceId}'. Pass one of them.", nameof(instanceId));
        return options with { InstanceId = instanceId };
    }
}
