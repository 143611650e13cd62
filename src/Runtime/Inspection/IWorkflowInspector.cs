using Workflows.Storage;

namespace Workflows;

/// <summary>
/// Reads instances without changing them: status, filtered and paged listing, history and statistics. The engine's
/// <see cref="IWorkflowClient"/> is one; <see cref="WorkflowInspector"/> reads a store that no engine runs.
/// </summary>
public interface IWorkflowInspector
{
    /// <summary>Gets the current state of an instance.</summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    Task<WorkflowInstanceInfo> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>One page of the instances that match <paramref name="query"/>, newest first.</summary>
    /// <exception cref="ArgumentException">The query's page size or continuation token is not valid.</exception>
    Task<WorkflowInstancePage> QueryInstancesAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The operation tree of an execution of an instance (the current one by default): steps with their attempts and
    /// errors, timers with due times, event waits by event name with payloads, children with their status, fan-outs
    /// with their items, scopes, signals and updates.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="execution"/> is not one of the instance's executions.</exception>
    Task<WorkflowInstanceHistory> GetHistoryAsync(string instanceId, int? execution = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The instance's recorded history as a portable document (its record and the journals of every stored execution,
    /// or of <paramref name="execution"/>): what <see cref="WorkflowReplayer.ReplayHistoryAsync"/> replays.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="execution"/> is not one of the instance's executions.</exception>
    Task<WorkflowHistory> ExportHistoryAsync(string instanceId, int? execution = null, CancellationToken cancellationToken = default);

    /// <summary>Counts of instances by workflow and status, and starts and ends per minute since <paramref name="since"/> (UTC).</summary>
    Task<InstanceStatistics> GetStatisticsAsync(DateTime since, CancellationToken cancellationToken = default);
}
