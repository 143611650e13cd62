using Workflows.Identity;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// One update request: validated against the instance's current state, stored in its inbox, then waited for until
/// its result is journaled. Sent again with the same update ID (after a restart), it sends nothing new and returns
/// the one recorded result; only an ID the caller named (<c>repeatable</c>) can be a repeat, so only then is it looked
/// for before sending.
/// </summary>
internal sealed class UpdateRequest(IClientEngine engine, InstanceRecord instance, WorkflowDefinition definition, WorkflowUpdate update, string updateId, bool repeatable)
{
    private InboxMessage? _message;

    /// <summary>The update <paramref name="updateName"/> of <paramref name="definition"/>, checked to return a <paramref name="resultType"/>.</summary>
    /// <exception cref="ArgumentException">There is no such update, or it returns something else.</exception>
    public static WorkflowUpdate Find(WorkflowDefinition definition, string updateName, string instanceId, Type resultType)
    {
        var update = HandlerLookup.Find(definition.Updates, updateName, "update", "an async method of its class [Update]", definition, instanceId, nameof(updateName));
        if (!resultType.IsAssignableFrom(update.ResultType) && update.ResultType != typeof(object))
            throw new ArgumentException($"Update '{updateName}' of workflow '{definition.Name}' returns {update.ResultType.FullName}, which is not a {resultType.FullName}.", nameof(resultType));
        return update;
    }

    private string InstanceId => instance.InstanceId;

    public async Task<JournalEntry> RunAsync(IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        var result = engine.RegisterUpdate(InstanceId, updateId);
        try
        {
            if (repeatable && await RecordedAsync(cancellationToken).ConfigureAwait(false) is { } known) return known;
            if (!repeatable || !await SentAlreadyAsync(cancellationToken).ConfigureAwait(false))
            {
                if (instance.Status.IsTerminal())
                    throw new WorkflowException($"Cannot send update '{update.Name}' to workflow instance '{InstanceId}': it already ended {instance.Status}.");
                if (update.HasValidator) await ValidateAsync(args, cancellationToken).ConfigureAwait(false);
                _message = Message(args);
                // A live run here journals the request itself, with the update's first write: no inbox write first.
                if (!engine.TryDeliverLive(_message)) await SendAsync().ConfigureAwait(false);
            }
            return await WaitAsync(result, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            engine.ForgetUpdate(InstanceId, updateId);
        }
    }

    private async Task ValidateAsync(IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        try
        {
            await engine.QueryAsync(InstanceId, update.Name, definition, workflow =>
            {
                update.Validate(workflow!, args);
                return null;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not WorkflowException and not OperationCanceledException)
        {
            throw new WorkflowUpdateRejectedException(InstanceId, update.Name, ex);
        }
    }

    /// <summary>The stored form of the request, to send with a start (update-with-start).</summary>
    public InboxMessage Message(IReadOnlyList<object?> args) => new()
    {
        MessageId = updateId,
        InstanceId = InstanceId,
        Kind = InboxMessageKind.Update,
        EventName = update.Name,
        Payload = update.Encode(engine.Serializer, args, $"update '{update.Name}' for workflow instance '{InstanceId}'"),
        ReceivedAt = InboxClock.Next(),
    };

    private async Task SendAsync()
    {
        await engine.Store.CommitAsync([new ExpectRunning(InstanceId), new PutInboxMessage(_message!)]).ConfigureAwait(false);
        engine.Deliver(_message!);
    }

    private async Task<JournalEntry> WaitAsync(Task<JournalEntry> result, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Woken by the runner here, or when the instance may have changed (it ended, or runs on another worker).
            var changed = engine.IsShared
                ? engine.WhenChangedElsewhereAsync(InstanceId, cancellationToken)
                : engine.FollowLocalRunsAsync(InstanceId, cancellationToken);
            if (await Task.WhenAny(result, changed).ConfigureAwait(false) == result) return await result.ConfigureAwait(false);
            await changed.ConfigureAwait(false);
            if (await RecordedAsync(cancellationToken).ConfigureAwait(false) is { } known) return known;
            var now = await engine.Store.GetInstanceAsync(InstanceId, cancellationToken).ConfigureAwait(false);
            if (now is null || now.Status.IsTerminal())
                throw new WorkflowUpdateFailedException(InstanceId, update.Name, updateId, new WorkflowError(
                    nameof(WorkflowException), $"The instance ended {now?.Status.ToString() ?? "and was purged"} before the update finished.", null));
            // Handed to a run that let go of the instance before it journaled the request: store it now.
            if (_message is not null && !await SentAlreadyAsync(cancellationToken).ConfigureAwait(false)) await SendAsync().ConfigureAwait(false);
            if (!engine.IsShared && engine.StalledReason(InstanceId) is { } stalled)
                throw new WorkflowException($"Update '{update.Name}' ({updateId}) of workflow instance '{InstanceId}' cannot finish in this engine: {stalled}");
            if (!engine.IsShared) await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The update's journaled result, when it has one.</summary>
    private async Task<JournalEntry?> RecordedAsync(CancellationToken cancellationToken)
    {
        var current = await engine.Store.GetInstanceAsync(InstanceId, cancellationToken).ConfigureAwait(false) ?? instance;
        var journal = await engine.Store.LoadJournalAsync(InstanceId, current.Execution, cancellationToken).ConfigureAwait(false);
        var run = OperationIds.UpdateRun(updateId);
        return journal.FirstOrDefault(e => e.OperationId == run && e.Status != JournalEntryStatus.Retrying);
    }

    /// <summary>Whether this update ID was sent before: it waits in the inbox or was accepted.</summary>
    private async Task<bool> SentAlreadyAsync(CancellationToken cancellationToken)
    {
        if ((await engine.Store.LoadInboxAsync(InstanceId, cancellationToken).ConfigureAwait(false)).Any(m => m.MessageId == updateId)) return true;
        var journal = await engine.Store.LoadJournalAsync(InstanceId, instance.Execution, cancellationToken).ConfigureAwait(false);
        var accepted = OperationIds.Update(updateId);
        return journal.Any(e => e.OperationId == accepted);
    }
}
