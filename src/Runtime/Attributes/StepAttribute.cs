namespace Workflows;

/// <summary>
/// Marks an async method as a durable step: called from a workflow, it runs at least once, its result is
/// checkpointed, and on replay the recorded result is returned without running it again.
/// </summary>
/// <remarks>The step name is part of the durable contract: it is the <c>{name}</c> part of the operation ID.</remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class StepAttribute : Attribute
{
    /// <summary>The durable name of the step; defaults to the method name.</summary>
    public string? Name { get; set; }

    /// <summary>How many attempts a failing step gets, the first included. Default 3.</summary>
    public int MaxAttempts { get; set; } = StepOptions.Default.MaxAttempts;

    /// <summary>The delay before the second attempt, in milliseconds. Default 1,000.</summary>
    public int InitialBackoffMilliseconds { get; set; } = (int)StepOptions.Default.InitialBackoff.TotalMilliseconds;

    /// <summary>The longest delay between two attempts, in milliseconds. Default 60,000.</summary>
    public int MaxBackoffMilliseconds { get; set; } = (int)StepOptions.Default.MaxBackoff.TotalMilliseconds;

    /// <summary>The factor each delay is multiplied by for the next one. Default 2.</summary>
    public double BackoffCoefficient { get; set; } = StepOptions.Default.BackoffCoefficient;

    /// <summary>Exception types (and their subclasses) that fail the step at once, without retrying.</summary>
    public Type[]? NonRetryableExceptions { get; set; }

    /// <summary>How long one attempt may run before it counts as failed with a <see cref="TimeoutException"/>; 0 (the default) for no limit.</summary>
    public int TimeoutMilliseconds { get; set; }

    /// <summary>
    /// How long an attempt may go without <see cref="StepInfo.HeartbeatAsync{T}"/> before it is cancelled and retried;
    /// 0 (the default) for no limit.
    /// </summary>
    public int HeartbeatTimeoutMilliseconds { get; set; }

    /// <summary>The runtime options these attribute values describe.</summary>
    public StepOptions ToOptions() => new()
    {
        MaxAttempts = MaxAttempts,
        InitialBackoff = TimeSpan.FromMilliseconds(InitialBackoffMilliseconds),
        MaxBackoff = TimeSpan.FromMilliseconds(MaxBackoffMilliseconds),
        BackoffCoefficient = BackoffCoefficient,
        NonRetryableExceptions = NonRetryableExceptions ?? [],
        Timeout = TimeoutMilliseconds > 0 ? TimeSpan.FromMilliseconds(TimeoutMilliseconds) : null,
        HeartbeatTimeout = HeartbeatTimeoutMilliseconds > 0 ? TimeSpan.FromMilliseconds(HeartbeatTimeoutMilliseconds) : null,
    };
}
