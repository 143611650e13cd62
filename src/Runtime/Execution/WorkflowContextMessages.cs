using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

// What workflow code says to other instances and waits on from them: events, condition waits, the custom status.
internal sealed partial class WorkflowContext
{
    public const string SendName = "$send";

    public Task RaiseEventAsync<T>(string targetInstanceId, string eventName, T payload)
    {
        InstanceIds.ValidateShape(targetInstanceId, nameof(targetInstanceId));
        WorkflowNames.Validate(eventName, "event");
        ThrowIfBatchCanceled();
        var key = _ids.Next(CurrentScope, SendName);
        var message = new InboxMessage
        {
            MessageId = MessageIds.Sent(InstanceId, Execution, key.Id),
            InstanceId = targetInstanceId,
            Kind = InboxMessageKind.Event,
            EventName = eventName,
            Payload = _runner.Serializer.Serialize(payload, $"event '{eventName}' sent by workflow instance '{InstanceId}' to '{targetInstanceId}'"),
            ReceivedAt = InboxClock.Next(),
        };
        var send = new PendingMessage(_runner, key, message);
        return _runner.Driver.Track(send, Recorded(key, SendName)) ? send.Task : new TaskCompletionSource().Task;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, evaluated after each delivery; with a timeout, a durable timer
    /// races it and is retired (journaled) when the condition wins, so replay takes the same branch.
    /// </summary>
    public async Task<bool> WaitConditionAsync(Func<bool> condition, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (condition()) return true;
        var wait = _runner.Driver.Conditions.Add(condition);
        // A cancellation on the workflow's scheduler (its own token, or a journaled cancel request) retires the wait.
        using var cancel = cancellationToken.Register(() => wait.TrySetCanceled(cancellationToken));
        if (timeout is not { } limit) return await wait.Task.ConfigureAwait(true);
        using var retire = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = DelayAsync(limit, retire.Token);
        if (await Task.WhenAny(wait.Task, timer).ConfigureAwait(true) == wait.Task)
        {
            retire.Cancel();
            try
            {
                await timer.ConfigureAwait(true);
            }
            catch (OperationCanceledException)
            {
                // Retired: its cancellation is journaled like an outcome.
            }
            return await wait.Task.ConfigureAwait(true);
        }
        wait.TrySetResult(false); // timed out: the condition is no longer evaluated
        await timer.ConfigureAwait(true); // throws when the caller's token cancelled it
        return false;
    }

    /// <summary>
    /// Follows a <see cref="Task.WhenAny(Task[])"/> of the workflow code (<paramref name="decided"/>) over
    /// <paramref name="entrants"/>: when event waits take part, they take part in an <see cref="EventRace"/>.
    /// </summary>
    public Task<TTask> Race<TTask>(Task<TTask> decided, Task[] entrants)
        where TTask : Task
    {
        var tasks = new HashSet<Task>(entrants);
        var operations = _runner.Driver.Pending.Where(op => op.Awaited is { } task && tasks.Contains(task)).ToList();
        if (!operations.Exists(op => op is PendingEventWait)) return decided;
        var race = new EventRace(operations);
        foreach (var wait in operations.OfType<PendingEventWait>()) wait.Join(race);
        // Decided before the code that awaits the race resumes, so the waits it schedules next rank before the losers.
        return decided.ContinueWith(
            winner =>
            {
                var first = winner.GetAwaiter().GetResult(); // completed: a continuation of the race
                race.Decide(first, _runner.Inbox);
                return first;
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Sets the custom status: written now when live, remembered only while replaying.</summary>
    public void SetStatus(object? value, Type type)
    {
        var json = _runner.Serializer.Serialize(value, type, $"custom status of workflow instance '{InstanceId}'");
        _runner.Lifecycle.SetCustomStatus(json, write: !IsReplaying);
    }

    private int _runningUpdates;

    /// <summary>Whether no accepted update is still running.</summary>
    public bool AllHandlersFinished => _runningUpdates == 0;

    /// <summary>Runs an accepted update as workflow code in its own scope, live or again on replay.</summary>
    public void StartUpdate(string updateId, string name, Func<Task<object?>> body)
    {
        var recorded = _journal.Find(OperationIds.UpdateRun(updateId)) is { Status: JournalEntryStatus.Completed or JournalEntryStatus.Failed } outcome ? outcome : null;
        var run = new PendingUpdate(_runner, updateId, name, body, recorded);
        _runningUpdates++;
        // Tracked as not yet recorded, so its body runs again; replay delivers the recorded result in journal order.
        _runner.Driver.Track(run, null);
    }

    /// <summary>An update's run delivered its outcome.</summary>
    public void UpdateEnded() => _runningUpdates--;
}
