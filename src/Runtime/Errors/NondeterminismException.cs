namespace Workflows;

/// <summary>
/// Replay met a durable operation that differs from the one the journal recorded at the same position: the
/// workflow code changed in a way that breaks in-flight instances. The instance is left untouched; restore the
/// previous call sequence (or finish the old instances first) and restart, and it resumes.
/// </summary>
public sealed class NondeterminismException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public NondeterminismException(string instanceId, string? expectedOperationId, string? actualOperationId, string message)
        : base(message)
    {
        InstanceId = instanceId;
        ExpectedOperationId = expectedOperationId;
        ActualOperationId = actualOperationId;
    }

    /// <summary>The instance whose replay diverged.</summary>
    public string InstanceId { get; }

    /// <summary>The operation the journal recorded, if any.</summary>
    public string? ExpectedOperationId { get; }

    /// <summary>The operation the code scheduled instead, if any.</summary>
    public string? ActualOperationId { get; }
}
