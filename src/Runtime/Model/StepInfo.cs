namespace Workflows;

/// <summary>What a running step knows about itself; read it through <see cref="Workflow.Step"/>.</summary>
public sealed class StepInfo
{
    private static readonly AsyncLocal<StepInfo?> CurrentStep = new();

    internal StepInfo(string instanceId, string operationId, string name, int attempt)
    {
        InstanceId = instanceId;
        OperationId = operationId;
        Name = name;
        Attempt = attempt;
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
}
