namespace Workflows;

/// <summary>A typed handle on one workflow instance.</summary>
/// <typeparam name="TOutput">The workflow's result type.</typeparam>
public sealed class WorkflowHandle<TOutput>
{
    private readonly IWorkflowClient _client;

    internal WorkflowHandle(IWorkflowClient client, string instanceId)
    {
        _client = client;
        InstanceId = instanceId;
    }

    /// <summary>The instance ID.</summary>
    public string InstanceId { get; }

    /// <summary>Waits for the instance to finish and returns its result.</summary>
    /// <exception cref="WorkflowFailedException">The workflow threw.</exception>
    /// <exception cref="WorkflowCanceledException">The workflow was cancelled.</exception>
    /// <exception cref="WorkflowTerminatedException">The workflow was terminated.</exception>
    /// <exception cref="NondeterminismException">The instance cannot replay against the current code.</exception>
    public Task<TOutput> GetResultAsync(CancellationToken cancellationToken = default) => _client.GetResultAsync<TOutput>(InstanceId, cancellationToken);

    /// <summary>The instance's current state.</summary>
    public Task<WorkflowInstanceInfo> GetStatusAsync(CancellationToken cancellationToken = default) => _client.GetStatusAsync(InstanceId, cancellationToken);

    /// <summary>Asks the instance to cancel.</summary>
    public Task CancelAsync(string? reason = null, CancellationToken cancellationToken = default) => _client.CancelAsync(InstanceId, reason, cancellationToken);

    /// <summary>Terminates the instance.</summary>
    public Task TerminateAsync(string? reason = null, CancellationToken cancellationToken = default) => _client.TerminateAsync(InstanceId, reason, cancellationToken);
}
