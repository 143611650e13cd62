using Workflows.Inspection;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// Reads the instances of a checkpoint store: what the engine's client reads, and what the CLI and a standalone
/// dashboard read from a store that no engine runs. It never writes.
/// </summary>
public sealed class WorkflowInspector : IWorkflowInspector
{
    // A child workflow fan-out can start many children; more than this are not linked in one history.
    private const int MaxChildrenShown = 10_000;

    private readonly ICheckpointStore _store;
    private readonly Func<string, string?> _stalledReason;

    /// <summary>An inspector of <paramref name="store"/>.</summary>
    public WorkflowInspector(ICheckpointStore store)
        : this(store, static _ => null)
    {
    }

    internal WorkflowInspector(ICheckpointStore store, Func<string, string?> stalledReason)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _stalledReason = stalledReason;
    }

    /// <inheritdoc />
    public async Task<WorkflowInstanceInfo> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Info(await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<WorkflowInstancePage> QueryInstancesAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > WorkflowInstanceQuery.MaxPageSize)
            throw new ArgumentException($"Page size {query.PageSize} is out of range: ask for 1 to {WorkflowInstanceQuery.MaxPageSize} instances a page.", nameof(query));
        var page = await _store.QueryInstancesAsync(new InstanceQuery
        {
            WorkflowName = query.WorkflowName,
            Status = query.Status,
            CreatedFrom = query.CreatedFrom,
            CreatedBefore = query.CreatedBefore,
            InstanceIdPrefix = string.IsNullOrEmpty(query.InstanceIdPrefix) ? null : query.InstanceIdPrefix,
            ParentInstanceId = query.ParentInstanceId,
            Limit = query.PageSize,
            After = query.ContinuationToken is { } token ? ContinuationTokens.Read(token) : null,
        }, cancellationToken).ConfigureAwait(false);
        return new WorkflowInstancePage([.. page.Instances.Select(Info)], page.Next is { } next ? ContinuationTokens.Write(next) : null);
    }

    /// <inheritdoc />
    public async Task<WorkflowInstanceHistory> GetHistoryAsync(string instanceId, int? execution = null, CancellationToken cancellationToken = default)
    {
        var instance = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var number = WorkflowHistory.ExecutionOf(instance, execution);
        var journal = await _store.LoadJournalAsync(instanceId, number, cancellationToken).ConfigureAwait(false);
        var children = await _store.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = instanceId, Limit = MaxChildrenShown }, cancellationToken).ConfigureAwait(false);
        var ofExecution = children.Instances.Where(c => c.ParentExecution == number).OrderBy(c => c.CreatedAt).ThenBy(c => c.InstanceId, StringComparer.Ordinal).ToList();
        return new WorkflowInstanceHistory
        {
            Instance = Info(instance),
            Execution = number,
            Operations = OperationHistory.Build(journal, ofExecution),
            Children = [.. ofExecution.Select(Info)],
        };
    }

    /// <inheritdoc />
    public Task<WorkflowHistory> ExportHistoryAsync(string instanceId, int? execution = null, CancellationToken cancellationToken = default) =>
        WorkflowHistory.LoadAsync(_store, instanceId, execution, cancellationToken);

    /// <inheritdoc />
    public Task<InstanceStatistics> GetStatisticsAsync(DateTime since, CancellationToken cancellationToken = default) =>
        _store.GetStatisticsAsync(since, cancellationToken);

    internal async Task<InstanceRecord> GetRecordAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowInstanceNotFoundException(instanceId);
    }

    /// <summary>The snapshot of <paramref name="record"/>, with why it makes no progress here if it should.</summary>
    internal WorkflowInstanceInfo Info(InstanceRecord record) =>
        WorkflowInstanceInfo.From(record, record.Status.IsTerminal() ? null : _stalledReason(record.InstanceId));
}
