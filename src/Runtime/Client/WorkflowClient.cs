using Workflows.Diagnostics;
using Workflows.Execution;
using Workflows.Storage;

namespace Workflows;

/// <summary>The engine's <see cref="IWorkflowClient"/>.</summary>
public sealed class WorkflowClient : IWorkflowClient
{
    private readonly WorkflowEngine _engine;

    internal WorkflowClient(WorkflowEngine engine) => _engine = engine;

    /// <inheritdoc />
    public async Task<WorkflowHandle<TOutput>> StartAsync<TInput, TOutput>(
        string workflowName, TInput input, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        options ??= new StartWorkflowOptions();
        var instanceId = options.InstanceId;
        if (instanceId is not null) InstanceIds.Validate(instanceId, nameof(options));
        else instanceId = Guid.NewGuid().ToString("N");

        var definition = _engine.GetWorkflow(workflowName);
        if (!definition.InputType.IsAssignableFrom(typeof(TInput)))
            throw new ArgumentException($"Workflow '{workflowName}' takes {definition.InputType.FullName}, not {typeof(TInput).FullName}.", nameof(input));
        if (!typeof(TOutput).IsAssignableFrom(definition.OutputType))
            throw new ArgumentException($"Workflow '{workflowName}' returns {definition.OutputType.FullName}, which is not a {typeof(TOutput).FullName}.", nameof(TOutput));

        var json = _engine.Runtime.Serializer.Serialize(input, definition.InputType, $"input of workflow '{workflowName}' (instance '{instanceId}')");
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTime.UtcNow;
        var instance = new InstanceRecord
        {
            InstanceId = instanceId,
            WorkflowName = definition.Name,
            Status = WorkflowStatus.Running,
            Manifest = definition.Manifest?.Text,
            Input = json,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await _engine.Store.CommitAsync([new CreateInstance(instance, options.IdReusePolicy == WorkflowIdReusePolicy.AllowIfTerminal)]).ConfigureAwait(false);
        WorkflowMetrics.InstanceStarted(definition.Name);
        // On a shared store the first worker with room claims it (often this one); otherwise it runs here.
        if (_engine.Shared is { } shared) shared.Kick();
        else _engine.StartRunner(instance, definition, []);
        return new WorkflowHandle<TOutput>(this, instanceId);
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
    public async Task<WorkflowInstanceInfo> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return WorkflowInstanceInfo.From(record, record.Status.IsTerminal() ? null : _engine.StalledReason(instanceId));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowInstanceInfo>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        var records = await _engine.Store.ListInstancesAsync(status, cancellationToken).ConfigureAwait(false);
        return records.Select(r => WorkflowInstanceInfo.From(r, r.Status.IsTerminal() ? null : _engine.StalledReason(r.InstanceId))).ToList();
    }

    /// <inheritdoc />
    public async Task<WorkflowInstanceInfo> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await FollowLocalRunsAsync(instanceId, cancellationToken).ConfigureAwait(false);
            InstanceRecord record;
            try
            {
                record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
            }
            catch (CheckpointStoreException ex) when (ex.Error == CheckpointStoreError.Unavailable && _engine.Shared is { } unreachable && !_engine.IsStopping)
            {
                // The shared database cannot be reached for now: nothing durable is lost, so keep waiting for the end.
                await unreachable.WhenChangedAsync(instanceId, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (record.Status.IsTerminal()) return WorkflowInstanceInfo.From(record);
            if (_engine.Shared is not { } shared)
                throw new WorkflowException(
                    $"Workflow instance '{instanceId}' is Running but cannot make progress in this engine: " +
                    (_engine.StalledReason(instanceId) ?? "it is not active here."));
            // Another worker may run it: look again when something changes, at least every poll interval.
            await shared.WhenChangedAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits while the instance runs or is suspended in this engine, following it from runner to runner.</summary>
    private async Task FollowLocalRunsAsync(string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_engine.TryGetRunner(instanceId, out var runner))
            {
                InstanceRecord ended;
                try
                {
                    ended = await runner.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (CheckpointStoreException ex) when (ex.Error == CheckpointStoreError.WriteFailed && !_engine.IsStopping)
                {
                    // The engine resumes the instance once the store writes again: keep waiting for its end.
                    await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (CheckpointStoreException ex) when (ex.Error == CheckpointStoreError.LeaseLost)
                {
                    return; // Another worker runs it now.
                }
                if (ended.Status.IsTerminal()) return;
                continue; // it continued as new or was suspended: follow it to its next runner
            }
            if (_engine.WhenWoken(instanceId) is not { } woken) return;
            await woken.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task CancelAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        ThrowIfFinished(record, "cancel");
        var message = new InboxMessage
        {
            MessageId = Guid.NewGuid().ToString("N"),
            InstanceId = instanceId,
            Kind = InboxMessageKind.Cancel,
            Payload = reason,
            ReceivedAt = InboxClock.Next(),
        };
        await _engine.Store.CommitAsync([new PutInboxMessage(message)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _engine.DeliverOrWake(message);
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
            ? [new UpdateInstance(terminated, WorkflowStatus.Running)]
            : [new UpdateInstance(terminated, WorkflowStatus.Running), new PutInboxMessage(toParent)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_engine.TryGetRunner(instanceId, out var runner))
        {
            runner.Terminated(terminated);
            _engine.Forget(instanceId, runner);
        }
        _engine.ForgetSuspended(instanceId);
        if (toParent is not null) _engine.DeliverOrWake(toParent);
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
            MessageId = Guid.NewGuid().ToString("N"),
            InstanceId = instanceId,
            Kind = InboxMessageKind.Event,
            EventName = eventName,
            Payload = _engine.Runtime.Serializer.Serialize(payload, $"event '{eventName}' for workflow instance '{instanceId}'"),
            ReceivedAt = InboxClock.Next(),
        };
        await _engine.Store.CommitAsync([new PutInboxMessage(message)]).ConfigureAwait(false);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _engine.DeliverOrWake(message);
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(TimeSpan olderThan, WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        if (status == WorkflowStatus.Running)
            throw new ArgumentException("Running instances are never purged: choose a terminal status (Completed, Failed, Canceled, Terminated) or none.", nameof(status));
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        return await _engine.Store.PurgeFinishedAsync(DateTime.UtcNow - olderThan, status, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TOutput> GetResultAsync<TOutput>(string instanceId, CancellationToken cancellationToken = default)
    {
        var info = await WaitForCompletionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return info.Status switch
        {
            WorkflowStatus.Completed => _engine.Runtime.Serializer.Deserialize<TOutput>(info.OutputJson, $"result of workflow instance '{instanceId}'"),
            WorkflowStatus.Failed => throw new WorkflowFailedException(instanceId, info.Error ?? new WorkflowError("Unknown", "No error was recorded.", null)),
            WorkflowStatus.Canceled => throw new WorkflowCanceledException(instanceId, info.StatusReason),
            _ => throw new WorkflowTerminatedException(instanceId, info.StatusReason),
        };
    }

    private async Task<InstanceRecord> GetRecordAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await _engine.Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowInstanceNotFoundException(instanceId);
    }

    private static void ThrowIfFinished(InstanceRecord record, string verb)
    {
        if (record.Status.IsTerminal())
            throw new WorkflowException($"Cannot {verb} workflow instance '{record.InstanceId}': it already ended {record.Status}.");
    }
}
