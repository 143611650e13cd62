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
        options ??= new WorkflowEngineOptions();
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowInstanceNotFoundException(instanceId);
        var journal = await store.LoadJournalAsync(instanceId, instance.Execution, cancellationToken).ConfigureAwait(false);
        var workflows = new WorkflowSet(options);
        var definition = workflows.TryGet(instance.WorkflowName, out var found) ? found : throw workflows.NotRegistered(instance.WorkflowName, instanceId);

        return await JournalReplay.RunAsync(instance, journal, definition, workflows,
            new PayloadSerializer(options.JsonSerializerOptions, options.MaxPayloadBytes), options.LoggerFactory, options.Services).ConfigureAwait(false);
    }
}
