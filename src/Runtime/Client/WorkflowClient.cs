using Workflows.Execution;
using Workflows.Storage;

namespace Workflows;

/// <summary>Starts workflow instances, queries them, waits for them, cancels and terminates them.</summary>
public sealed class WorkflowClient
{
    private readonly WorkflowEngine _engine;

    internal WorkflowClient(WorkflowEngine engine) => _engine = engine;

    /// <summary>
    /// Starts the workflow <paramref name="workflowName"/> with <paramref name="input"/>. Returns once the instance
    /// is durably recorded: from then on it runs to completion, across restarts.
    /// </summary>
    /// <exception cref="ArgumentException">The instance ID is invalid or reserved, or the types do not match the workflow.</exception>
    /// <exception cref="WorkflowNotRegisteredException">No workflow has that name.</exception>
    /// <exception cref="WorkflowInstanceExistsException">The instance ID is taken (see <see cref="StartWorkflowOptions.IdReusePolicy"/>).</exception>
    /// <exception cref="PayloadException">The input does not serialize or is too large.</exception>
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
        _engine.StartRunner(instance, definition, []);
        return new WorkflowHandle<TOutput>(this, instanceId);
    }

    /// <summary>Starts the workflow and waits for its result.</summary>
    /// <inheritdoc cref="StartAsync{TInput, TOutput}" />
    public async Task<TOutput> RunAsync<TInput, TOutput>(
        string workflowName, TInput input, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        var handle = await StartAsync<TInput, TOutput>(workflowName, input, options, cancellationToken).ConfigureAwait(false);
        return await handle.GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A handle on an existing instance whose result is a <typeparamref name="TOutput"/>.</summary>
    public WorkflowHandle<TOutput> GetHandle<TOutput>(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return new WorkflowHandle<TOutput>(this, instanceId);
    }

    /// <summary>The instance's current state.</summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    public async Task<WorkflowInstanceInfo> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return WorkflowInstanceInfo.From(record, record.Status.IsTerminal() ? null : _engine.StalledReason(instanceId));
    }

    /// <summary>Every instance, or those in <paramref name="status"/>, oldest first.</summary>
    public async Task<IReadOnlyList<WorkflowInstanceInfo>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        var records = await _engine.Store.ListInstancesAsync(status, cancellationToken).ConfigureAwait(false);
        return records.Select(r => WorkflowInstanceInfo.From(r, r.Status.IsTerminal() ? null : _engine.StalledReason(r.InstanceId))).ToList();
    }

    /// <summary>Waits until the instance reaches a terminal status and returns its final state.</summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="NondeterminismException">The instance cannot replay against the current code.</exception>
    /// <exception cref="WorkflowException">The instance cannot make progress in this engine; the message says why.</exception>
    public async Task<WorkflowInstanceInfo> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (_engine.TryGetRunner(instanceId, out var runner))
            {
                var ended = await runner.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (ended.Status.IsTerminal()) return WorkflowInstanceInfo.From(ended);
                continue; // it continued as new or was suspended: follow it to its next runner
            }
            if (_engine.WhenWoken(instanceId) is not { } woken) break;
            await woken.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (record.Status.IsTerminal()) return WorkflowInstanceInfo.From(record);
        throw new WorkflowException(
            $"Workflow instance '{instanceId}' is Running but cannot make progress in this engine: " +
            (_engine.StalledReason(instanceId) ?? "it is not active here."));
    }

    /// <summary>
    /// Asks the instance to cancel. The request is stored durably, then delivered to the workflow as
    /// <see cref="Workflow.CancellationToken"/> and to the steps running at that moment; the workflow decides how
    /// to wind down, and steps it schedules afterwards (its cleanup) run normally. An instance that lets the
    /// <see cref="OperationCanceledException"/> escape ends <see cref="WorkflowStatus.Canceled"/>.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
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

    /// <summary>
    /// Ends the instance at once with status <see cref="WorkflowStatus.Terminated"/>: its workflow code stops,
    /// running steps are signalled to cancel and their results are discarded.
    /// </summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
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

    /// <summary>
    /// Raises the event <paramref name="eventName"/> for the instance. Returns once the event is durably stored; the
    /// instance receives it at its next <see cref="Workflow.WaitForEventAsync{T}(string, TimeSpan?)"/> for that name
    /// (now, or after it resumes), each event exactly once, in the order raised.
    /// </summary>
    /// <exception cref="ArgumentException">The event name is empty or contains a reserved character.</exception>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="WorkflowException">The instance already finished.</exception>
    /// <exception cref="PayloadException">The payload does not serialize or is too large.</exception>
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

    internal async Task<TOutput> GetResultAsync<TOutput>(string instanceId, CancellationToken cancellationToken)
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
