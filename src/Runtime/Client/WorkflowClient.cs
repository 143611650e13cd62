using Workflows.Identity;
using Workflows.Storage;

namespace Workflows;

/// <summary>The engine's <see cref="IWorkflowClient"/>.</summary>
public sealed partial class WorkflowClient : IWorkflowClient
{
    private readonly IClientEngine _engine;

    private static readonly TimeSpan SuspendedPollInterval = TimeSpan.FromMilliseconds(100);

    // How often a waiter looks again for an instance that is Running in a local store but has no runner and is not
    // indexed as waiting: a run that lets go is briefly in neither place (1 + 2 + … + 20 ms in all).
    private const int HandOverLooks = 20;

    private readonly WorkflowInspector _inspector;

    internal WorkflowClient(IClientEngine engine)
    {
        _engine = engine;
        _inspector = new WorkflowInspector(engine.Store, engine.StalledReason);
    }

    /// <inheritdoc />
    public async Task<WorkflowHandle<TOutput>> StartAsync<TInput, TOutput>(
        string workflowName, TInput input, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        var definition = _engine.GetWorkflow(workflowName);
        if (!typeof(TOutput).IsAssignableFrom(definition.OutputType))
            throw new ArgumentException($"Workflow '{workflowName}' returns {definition.OutputType.FullName}, which is not a {typeof(TOutput).FullName}.", nameof(TOutput));
        var instanceId = await StartCoreAsync(definition, input, options, firstMessage: null, cancellationToken).ConfigureAwait(false);
        return new WorkflowHandle<TOutput>(this, instanceId);
    }

    /// <summary>Checks and stores a start (with its first message), or attaches it; returns the instance ID.</summary>
    private async Task<string> StartCoreAsync<TInput>(
        WorkflowDefinition definition, TInput input, StartWorkflowOptions? options, InboxMessage? firstMessage, CancellationToken cancellationToken)
    {
        options ??= new StartWorkflowOptions();
        var instanceId = options.InstanceId;
        if (instanceId is not null) InstanceIds.Validate(instanceId, "options.InstanceId");
        else instanceId = InstanceIds.Generate();
        if (!definition.InputType.IsAssignableFrom(typeof(TInput)))
            throw new ArgumentException($"Workflow '{definition.Name}' takes {definition.InputType.FullName}, not {typeof(TInput).FullName}.", nameof(input));
        if (options.ExecutionTimeout is { } execution && execution <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), execution, $"ExecutionTimeout of workflow instance '{instanceId}' must be positive (or null for no limit).");
        if (options.RunTimeout is { } run && run <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), run, $"RunTimeout of workflow instance '{instanceId}' must be positive (or null for no limit).");
        var json = _engine.Serializer.Serialize(input, definition.InputType, $"input of workflow '{definition.Name}' (instance '{instanceId}')");
        await new InstanceStart(_engine, definition, instanceId, options).RunAsync(json, cancellationToken, firstMessage).ConfigureAwait(false);
        return instanceId;
    }

    /// <inheritdoc />
    public async Task<TOutput> RunAsync<TInput, TOutput>(
        string workflowName, TInput input, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        var handle = await StartAsync<TInput, TOutput>(workflowName, input, options, cancellationToken).ConfigureAwait(false);
        return await handle.GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public WorkflowHandle<TOutput> GetHandle<TOutput>(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return new WorkflowHandle<TOutput>(this, instanceId);
    }

    /// <inheritdoc />
    public Task<WorkflowInstanceInfo> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _inspector.GetStatusAsync(instanceId, cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowInstancePage> QueryInstancesAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default) =>
        _inspector.QueryInstancesAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowInstanceHistory> GetHistoryAsync(string instanceId, int? execution = null, CancellationToken cancellationToken = default) =>
        _inspector.GetHistoryAsync(instanceId, execution, cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowHistory> ExportHistoryAsync(string instanceId, int? execution = null, CancellationToken cancellationToken = default) =>
        _inspector.ExportHistoryAsync(instanceId, execution, cancellationToken);

    /// <inheritdoc />
    public Task<InstanceStatistics> GetStatisticsAsync(DateTime since, CancellationToken cancellationToken = default) =>
        _inspector.GetStatisticsAsync(since, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowInstanceInfo>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        var records = await _engine.Store.ListInstancesAsync(status, cancellationToken).ConfigureAwait(false);
        return records.Select(_inspector.Info).ToList();
    }

    /// <inheritdoc />
    public async Task<WorkflowInstanceInfo> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var lookedAgain = 0;
        while (true)
        {
            await _engine.FollowLocalRunsAsync(instanceId, cancellationToken).ConfigureAwait(false);
            InstanceRecord record;
            try
            {
                record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
            }
            catch (CheckpointStoreException ex) when (ex.Error == CheckpointStoreError.Unavailable && _engine.IsShared && !_engine.IsStopping)
            {
                // The shared database cannot be reached for now: nothing durable is lost, so keep waiting for the end.
                await _engine.WhenChangedElsewhereAsync(instanceId, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (record.Status.IsTerminal()) return WorkflowInstanceInfo.From(record);
            if (record.Status == WorkflowStatus.Suspended && !_engine.IsShared)
            {
                // Nothing runs it until it is resumed: look again now and then.
                await Task.Delay(SuspendedPollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }
            // A run letting go hands the instance to the index of waiting instances: for a moment it is in neither.
            if (!_engine.IsShared && _engine.StalledReason(instanceId) is null && lookedAgain++ < HandOverLooks)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(lookedAgain), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (!_engine.IsShared)
                throw new WorkflowException(
                    $"Workflow instance '{instanceId}' is Running but cannot make progress in this engine: " +
                    (_engine.StalledReason(instanceId) ?? "it is not active here."));
            // Another worker may run it: look again when something changes, at least every poll interval.
            await _engine.WhenChangedElsewhereAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task CancelAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        ThrowIfFinished(record, "cancel");
        var message = new InboxMessage
        {
            MessageId = MessageIds.New(),
            InstanceId = instanceId,
            Kind = InboxMessageKind.Cancel,
            Payload = reason,
            ReceivedAt = InboxClock.Next(),
        };
        await _engine.Store.CommitAsync([new ExpectRunning(instanceId), new PutInboxMessage(message)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _engine.Deliver(message);
    }

    /// <inheritdoc />
    public async Task TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        ThrowIfFinished(record, "terminate");
        var now = DateTime.UtcNow;
        var terminated = record with { Status = WorkflowStatus.Terminated, StatusReason = reason, UpdatedAt = now, CompletedAt = now };
        var toParent = ChildCompletion.MessageFor(terminated);
        await _engine.Store.CommitAsync(toParent is null
            ? [new UpdateInstance(terminated, record.Status)]
            : [new UpdateInstance(terminated, record.Status), new PutInboxMessage(toParent)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _engine.Terminated(terminated);
        if (toParent is not null) _engine.Deliver(toParent);
    }

    /// <inheritdoc />
    public async Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        ThrowIfFinished(record, "suspend");
        if (record.Status == WorkflowStatus.Suspended) return;
        var suspended = record with { Status = WorkflowStatus.Suspended, StatusReason = reason, UpdatedAt = DateTime.UtcNow };
        await _engine.Store.CommitAsync([new UpdateInstance(suspended, WorkflowStatus.Running)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _engine.Suspended(suspended);
    }

    /// <inheritdoc />
    public async Task ResumeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        ThrowIfFinished(record, "resume");
        if (record.Status == WorkflowStatus.Running) return;
        var resumed = record with { Status = WorkflowStatus.Running, StatusReason = null, UpdatedAt = DateTime.UtcNow };
        await _engine.Store.CommitAsync([new UpdateInstance(resumed, WorkflowStatus.Suspended)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _engine.Resumed(resumed);
    }

    /// <inheritdoc />
    public async Task RaiseEventAsync<T>(string instanceId, string eventName, T payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        WorkflowNames.Validate(eventName, "event");
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        ThrowIfFinished(record, $"raise event '{eventName}' for");
        var message = new InboxMessage
        {
            MessageId = MessageIds.New(),
            InstanceId = instanceId,
            Kind = InboxMessageKind.Event,
            EventName = eventName,
            Payload = _engine.Serializer.Serialize(payload, $"event '{eventName}' for workflow instance '{instanceId}'"),
            ReceivedAt = InboxClock.Next(),
        };
        await _engine.Store.CommitAsync([new ExpectRunning(instanceId), new PutInboxMessage(message)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _engine.Deliver(message);
    }

    /// <inheritdoc />
    public async Task<TResult> QueryAsync<TResult>(string instanceId, string queryName, IReadOnlyList<object?>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queryName);
        args ??= [];
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var definition = _engine.GetWorkflow(record.WorkflowName);
        var query = HandlerLookup.Find(definition.Queries, queryName, "query", "a method of its class [Query]", definition, instanceId, nameof(queryName));
        if (!typeof(TResult).IsAssignableFrom(query.ResultType))
            throw new ArgumentException($"Query '{queryName}' of workflow '{definition.Name}' returns {query.ResultType.FullName}, which is not a {typeof(TResult).FullName}.", nameof(TResult));
        query.CheckArguments(args, definition.Name);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        object? answer;
        try
        {
            answer = await _engine.QueryAsync(instanceId, queryName, definition, workflow => query.Invoke(workflow!, args), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not WorkflowException and not OperationCanceledException)
        {
            throw new WorkflowException($"Query '{queryName}' of workflow instance '{instanceId}' threw {ex.GetType().Name}: {ex.Message}", ex);
        }
        // A copy through JSON: the caller never holds an object the workflow code goes on changing.
        var what = $"answer of query '{queryName}' of workflow instance '{instanceId}'";
        return _engine.Serializer.Deserialize<TResult>(_engine.Serializer.Serialize(answer, query.ResultType, what), what);
    }

    /// <inheritdoc />
    public async Task SignalAsync(string instanceId, string signalName, IReadOnlyList<object?>? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signalName);
        args ??= [];
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var definition = _engine.GetWorkflow(record.WorkflowName);
        var signal = HandlerLookup.Find(definition.Signals, signalName, "signal", "a void method of its class [Signal]", definition, instanceId, nameof(signalName));
        signal.CheckArguments(args, definition.Name);
        ThrowIfFinished(record, $"signal '{signalName}'");
        var message = new InboxMessage
        {
            MessageId = MessageIds.New(),
            InstanceId = instanceId,
            Kind = InboxMessageKind.Signal,
            EventName = signalName,
            Payload = signal.Encode(_engine.Serializer, args, $"signal '{signalName}' for workflow instance '{instanceId}'"),
            ReceivedAt = InboxClock.Next(),
        };
        await _engine.Store.CommitAsync([new ExpectRunning(instanceId), new PutInboxMessage(message)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _engine.Deliver(message);
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(TimeSpan olderThan, WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        if (status == WorkflowStatus.Running)
            throw new ArgumentException("Running instances are never purged: choose a terminal status (Completed, Failed, Canceled, Terminated, TimedOut) or none.", nameof(status));
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        return await _engine.Store.PurgeFinishedAsync(DateTime.UtcNow - olderThan, status, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TOutput> GetResultAsync<TOutput>(string instanceId, CancellationToken cancellationToken = default)
    {
        var info = await WaitForCompletionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return info.Status switch
        {
            WorkflowStatus.Completed => _engine.Serializer.Deserialize<TOutput>(info.OutputJson, $"result of workflow instance '{instanceId}'"),
            WorkflowStatus.Failed => throw new WorkflowFailedException(instanceId, info.Error ?? new WorkflowError("Unknown", "No error was recorded.", null)),
            WorkflowStatus.Canceled => throw new WorkflowCanceledException(instanceId, info.StatusReason),
            WorkflowStatus.TimedOut => throw new WorkflowTimedOutException(instanceId, info.StatusReason),
            _ => throw new WorkflowTerminatedException(instanceId, info.StatusReason),
        };
    }

    private Task<InstanceRecord> GetRecordAsync(string instanceId, CancellationToken cancellationToken) =>
        _inspector.GetRecordAsync(instanceId, cancellationToken);

    private static void ThrowIfFinished(InstanceRecord record, string verb)
    {
        if (record.Status.IsTerminal())
            throw new WorkflowException($"Cannot {verb} workflow instance '{record.InstanceId}': it already ended {record.Status}.");
    }
}
