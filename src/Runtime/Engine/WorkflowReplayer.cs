using Workflows.Serialization;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// Replays stored instances against the current code without running anything live: the check before a deploy
/// that in-flight instances will resume under the new code. Nothing is written to the store replayed from.
/// </summary>
public static class WorkflowReplayer
{
    /// <summary>
    /// Replays the current execution of <paramref name="instanceId"/> from <paramref name="store"/>: first the
    /// manifest check, then the journal against the workflow code, stopping where the recorded history ends.
    /// </summary>
    /// <param name="store">Where the instance is stored; only read.</param>
    /// <param name="instanceId">The instance to replay.</param>
    /// <param name="options">Its workflows (generated ones are included unless turned off), services and serializer settings; the store set on it is ignored.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowNotRegisteredException">The instance's workflow is not among <paramref name="options"/>' workflows.</exception>
    public static async Task<WorkflowReplayResult> ReplayAsync(
        ICheckpointStore store, string instanceId, WorkflowEngineOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowInstanceNotFoundException(instanceId);
        var journal = await store.LoadJournalAsync(instanceId, instance.Execution, cancellationToken).ConfigureAwait(false);
        return await ReplayAsync(instance, instance.Execution, journal, options).ConfigureAwait(false);
    }

    /// <summary>
    /// Replays execution <paramref name="execution"/> of <paramref name="instanceId"/> from <paramref name="store"/>:
    /// the current one, or an earlier one of a continued instance whose journal is still stored (checked up to the
    /// end of its journal; how it ended, by continuing as new, is not compared).
    /// </summary>
    /// <param name="store">Where the instance is stored; only read.</param>
    /// <param name="instanceId">The instance to replay.</param>
    /// <param name="execution">The execution to replay, from 1.</param>
    /// <param name="options">Its workflows (generated ones are included unless turned off), services and serializer settings; the store set on it is ignored.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The instance has no such execution, or its journal is no longer stored.</exception>
    /// <exception cref="WorkflowNotRegisteredException">The instance's workflow is not among <paramref name="options"/>' workflows.</exception>
    public static async Task<WorkflowReplayResult> ReplayExecutionAsync(
        ICheckpointStore store, string instanceId, int execution, WorkflowEngineOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var history = await WorkflowHistory.LoadAsync(store, instanceId, execution, cancellationToken).ConfigureAwait(false);
        return await ReplayHistoryAsync(history, execution, options).ConfigureAwait(false);
    }

    /// <summary>
    /// Replays a history exported with <c>workflows history --json</c> (<see cref="WorkflowHistory.FromJson"/>) against
    /// the current code: <paramref name="execution"/>, or the latest execution it holds. Nothing needs the store it
    /// came from: the check a CI job runs before a deploy, on histories taken from production.
    /// </summary>
    /// <param name="history">The exported history.</param>
    /// <param name="execution">The execution to replay; null for the latest one the history holds.</param>
    /// <param name="options">Its workflows (generated ones are included unless turned off), services and serializer settings; the store set on it is ignored.</param>
    /// <exception cref="ArgumentOutOfRangeException">The history holds no journal of <paramref name="execution"/>, or (an earlier execution) not its input.</exception>
    /// <exception cref="WorkflowNotRegisteredException">The instance's workflow is not among <paramref name="options"/>' workflows.</exception>
    public static Task<WorkflowReplayResult> ReplayHistoryAsync(WorkflowHistory history, int? execution = null, WorkflowEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var number = execution ?? history.Executions[^1];
        if (!history.Executions.Contains(number))
            throw new ArgumentOutOfRangeException(nameof(execution), number, $"The history of instance '{history.Instance.InstanceId}' holds executions [{string.Join(", ", history.Executions)}].");
        return ReplayAsync(history.Instance, number, history.EntriesOf(number), options);
    }

    private static async Task<WorkflowReplayResult> ReplayAsync(InstanceRecord instance, int execution, IReadOnlyList<JournalEntry> journal, WorkflowEngineOptions? options)
    {
        options ??= new WorkflowEngineOptions();
        var input = ExecutionInputs.Of(instance, execution, journal, out var known);
        if (!known)
            throw new ArgumentOutOfRangeException(nameof(execution), execution,
                $"Execution {execution} of instance '{instance.InstanceId}' kept no record of its input (it continued as new before inputs were kept), so it cannot be replayed.");
        // An earlier execution is replayed as it was while it ran: its own input, and no recorded end to compare.
        var replayed = execution == instance.Execution ? instance
            : instance with { Execution = execution, Input = input, Status = WorkflowStatus.Running, Output = null, Error = null, CompletedAt = null };
        var workflows = new WorkflowSet(options);
        var definition = workflows.TryGet(instance.WorkflowName, out var found) ? found : throw workflows.NotRegistered(instance.WorkflowName, instance.InstanceId);
        return await JournalReplay.RunAsync(replayed, [.. journal.Where(e => e.OperationId != Identity.OperationIds.ExecutionInput)], definition, workflows,
            new PayloadSerializer(options.JsonSerializerOptions, options.MaxPayloadBytes), options.LoggerFactory, options.Services,
            continueAsNewSuggestedAfter: options.ContinueAsNewSuggestedAfter).ConfigureAwait(false);
    }
}
