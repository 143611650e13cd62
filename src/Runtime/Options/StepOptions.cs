namespace Workflows;

/// <summary>Retry behaviour of one step.</summary>
public sealed record StepOptions
{
    /// <summary>Three attempts, backing off from one second, doubling, to at most one minute.</summary>
    public static StepOptions Default { get; } = new();

    /// <summary>How many attempts a failing step gets, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The delay before the second attempt.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The factor each delay is multiplied by for the next one.</summary>
    public double BackoffCoefficient { get; init; } = 2.0;

    /// <summary>Exception types (and their subclasses) that fail the step at once, without retrying.</summary>
    public IReadOnlyList<Type> NonRetryableExceptions { get; init; } = [];

    /// <summary>
    /// How long one attempt may run. When it is over, the attempt's cancellation token is cancelled and the attempt
    /// counts as failed with a <see cref="TimeoutException"/> (retried like any failure), whether or not its code
    /// stops. Null (the default) for no limit.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// How long an attempt may go without <see cref="StepInfo.HeartbeatAsync{T}"/> before it is cancelled and counts as
    /// failed with a <see cref="TimeoutException"/> (retried like any failure); null for no limit.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; init; }

    /// <summary>The delay before the attempt that follows <paramref name="failedAttempts"/> failures.</summary>
    public TimeSpan GetBackoff(int failedAttempts)
    {
        var factor = Math.Pow(BackoffCoefficient, Math.Max(0, failedAttempts - 1));
        var millis = Math.Min(InitialBackoff.TotalMilliseconds * factor, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(0, millis));
    }

    /// <summary>Whether <paramref name="exception"/> may be retried under these options.</summary>
    public bool IsRetryable(Exception exception)
    {
        var type = exception.GetType();
        foreach (var nonRetryable in NonRetryableExceptions)
        {
            if (nonRetryable.IsAssignableFrom(type)) return false;
        }
        return exception is not PayloadException;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the step when a value is out of range.</summary>
    public void Validate(string stepName)
    {
        if (MaxAttempts < 1)
            throw new ArgumentException($"Step '{stepName}': MaxAttempts must be at least 1, was {MaxAttempts}.");
        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < TimeSpan.Zero)
            throw new ArgumentException($"Step '{stepName}': backoff delays must not be negative.");
        if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new ArgumentException($"Step '{stepName}': Timeout must be positive, was {timeout}.");
        if (HeartbeatTimeout is { } heartbeat && heartbeat <= TimeSpan.Zero)
            throw new ArgumentException($"Step '{stepName}': HeartbeatTimeout must be positive, was {heartbeat}.");
        if (BackoffCoefficient < 1.0 || double.IsNaN(BackoffCoefficient))
            throw new ArgumentException($"Step '{stepName}': BackoffCoefficient must be at least 1, was {BackoffCoefficient}.");
    }
}
