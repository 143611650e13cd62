namespace Workflows;

/// <summary>What a running step knows about itself; read it through <see cref="Workflow.Step"/>.</summary>
public sealed class StepInfo
{
    private static readonly AsyncLocal<StepInfo?> CurrentStep = new();

    private readonly IStepHeartbeats? _heartbeats;

    internal StepInfo(string instanceId, string operationId, string name, int attempt, IStepHeartbeats? heartbeats = null)
    {
        InstanceId = instanceId;
        OperationId = operationId;
        Name = name;
        Attempt = attempt;
        _heartbeats = heartbeats;
    }

    internal static StepInfo? Current
    {
        get => CurrentStep.Value;
        set => CurrentStep.Value = value;
    }

    /// <summary>The instance that called the step.</summary>
    public string InstanceId { get; }

    /// <summary>The step's operation ID, e.g. <c>/Charge#1</c>.</summary>
    public string OperationId { get; }

    /// <summary>The step's durable name.</summary>
    public string Name { get; }

    /// <summary>The attempt running now, from 1; counts survive restarts.</summary>
    public int Attempt { get; }

    /// <summary>
    /// <c>{instanceId}{operationId}</c>: the same for every attempt and every re-run after a crash of this one
    /// call, different for every other call. Pass it to external systems to make the step's side effects idempotent.
    /// </summary>
    public string IdempotencyKey => InstanceId + OperationId;

    /// <summary>
    /// Reports that the attempt is alive and how far it got: <paramref name="details"/> are recorded durably (at most
    /// about once a second per step, grouped with the instance's other writes, the latest details winning), and a
    /// later attempt, also after a restart, reads them with <see cref="LastHeartbeat{T}"/> to resume from there. With
    /// <see cref="StepAttribute.HeartbeatTimeoutMilliseconds"/>, an attempt that stops calling this is cancelled and
    /// retried.
    /// </summary>
    /// <exception cref="PayloadException">The details do not serialize or are too large.</exception>
    public Task HeartbeatAsync<T>(T details) => _heartbeats?.BeatAsync(details, typeof(T)) ?? Task.CompletedTask;

    /// <summary>The details of the step's last recorded heartbeat, from this attempt or an earlier one; default when there is none.</summary>
    public T? LastHeartbeat<T>() => _heartbeats is { } heartbeats ? heartbeats.Last<T>() : default;
}
