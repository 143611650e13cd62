using Workflows.Diagnostics;
using Workflows.Identity;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// One start: creates the instance, with its first event in the same transaction, or, when the ID is taken and the
/// reuse policy attaches, hands the event to the instance that holds it.
/// </summary>
internal sealed class InstanceStart(IClientEngine engine, WorkflowDefinition definition, string instanceId, StartWorkflowOptions options)
{
    private readonly WorkflowIdReusePolicy _policy = options.IdReusePolicy;

    /// <summary>
    /// Stores the instance with its first message (the options' event, or <paramref name="firstMessage"/>, an update
    /// sent with the start), or delivers that message to the instance the start attaches to.
    /// </summary>
    public async Task RunAsync(string? inputJson, CancellationToken cancellationToken, InboxMessage? firstMessage = null)
    {
        var firstEvent = firstMessage ?? (options.Event is { } e ? EventMessage(e) : null);
        await engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        // A lost race (the instance appears, or ends, between two writes) only sends the loop round again; each
        // round is one atomic commit, so the event is stored once, with the instance or for it.
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TryCreateAsync(inputJson, firstEvent).ConfigureAwait(false)) return;
            var existing = await engine.Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (existing is null) continue; // Purged since: create again.
            if (existing.WorkflowName != definition.Name)
                throw new WorkflowInstanceExistsException(instanceId, existing.Status,
                    $"Workflow instance '{instanceId}' already exists as workflow '{existing.WorkflowName}', not '{definition.Name}': a start can only attach to an instance of its own workflow. Choose another ID.");
            if (existing.Status.IsTerminal())
            {
                if (_policy == WorkflowIdReusePolicy.UseRunning) continue; // Ended since the create looked: replace it.
                if (firstEvent is null) return;
                throw new WorkflowException(
                    $"Workflow instance '{instanceId}' already ended {existing.Status}, so the start's {(firstEvent.Kind == InboxMessageKind.Update ? "update" : "event")} '{firstEvent.EventName}' cannot be delivered to it. " +
                    "Use IdReusePolicy = WorkflowIdReusePolicy.UseRunning to start it again with it.");
            }
            if (firstEvent is null || await TryDeliverAsync(firstEvent).ConfigureAwait(false)) return;
        }
    }

    private async Task<bool> TryCreateAsync(string? inputJson, InboxMessage? firstEvent)
    {
        var now = engine.Time.GetUtcNow().UtcDateTime;
        var instance = new InstanceRecord
        {
            InstanceId = instanceId,
            WorkflowName = definition.Name,
            Status = WorkflowStatus.Running,
            Manifest = definition.Manifest?.Text,
            Input = inputJson,
            CreatedAt = now,
            UpdatedAt = now,
            ExecutionDeadline = now + (options.ExecutionTimeout ?? definition.ExecutionTimeout),
            RunTimeout = options.RunTimeout ?? definition.RunTimeout,
            RunDeadline = now + (options.RunTimeout ?? definition.RunTimeout),
        };
        var replace = _policy is WorkflowIdReusePolicy.AllowIfTerminal or WorkflowIdReusePolicy.UseRunning;
        StoreMutation create = new CreateInstance(instance, replace);
        try
        {
            await engine.Store.CommitAsync(firstEvent is null ? [create] : [create, new PutInboxMessage(firstEvent)]).ConfigureAwait(false);
        }
        catch (WorkflowInstanceExistsException) when (_policy is WorkflowIdReusePolicy.UseExisting or WorkflowIdReusePolicy.UseRunning)
        {
            return false;
        }
        WorkflowMetrics.InstanceStarted(definition.Name);
        // On a shared store the first worker with room claims it (often this one); otherwise it runs here.
        engine.Run(instance, definition);
        return true;
    }

    /// <summary>Delivers the event to the running instance; false when it ended (or vanished) first.</summary>
    private async Task<bool> TryDeliverAsync(InboxMessage message)
    {
        try
        {
            await engine.Store.CommitAsync([new ExpectRunning(instanceId), new PutInboxMessage(message)]).ConfigureAwait(false);
        }
        catch (WorkflowException ex) when (ex is not CheckpointStoreException)
        {
            return false;
        }
        engine.Deliver(message);
        return true;
    }

    private InboxMessage EventMessage(WorkflowEvent e)
    {
        ArgumentNullException.ThrowIfNull(e.Name, "options.Event.Name");
        WorkflowNames.Validate(e.Name, "event");
        return new InboxMessage
        {
            MessageId = MessageIds.New(),
            InstanceId = instanceId,
            Kind = InboxMessageKind.Event,
            EventName = e.Name,
            Payload = engine.Serializer.Serialize(e.Payload, e.Payload?.GetType() ?? typeof(object), $"event '{e.Name}' started with workflow instance '{instanceId}'"),
            ReceivedAt = InboxClock.Next(),
        };
    }
}
