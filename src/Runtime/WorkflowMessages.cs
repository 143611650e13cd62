using Workflows.Execution;

namespace Workflows;

// What workflow code says to other instances and waits on from them: events, conditions, the custom status.
public static partial class Workflow
{
    /// <summary>
    /// Waits until <paramref name="condition"/> holds, and returns true; false when <paramref name="timeout"/> passed
    /// first. The condition reads the workflow's state (fields a <see cref="SignalAttribute"/> handler or other workflow
    /// code sets) and is evaluated after every delivery, at the same points on replay; with a timeout a durable timer
    /// races it and is retired (journaled) when the condition wins. Cancelling <paramref name="cancellationToken"/>
    /// retires the wait with an <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    public static Task<bool> WaitConditionAsync(Func<bool> condition, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var context = WorkflowContext.Current;
        if (context is not null) return context.WaitConditionAsync(condition, timeout, cancellationToken);
        WorkflowContext.ThrowIfEscaped("Workflow.WaitConditionAsync");
        throw new InvalidOperationException("Workflow.WaitConditionAsync waits in workflow code only: it is evaluated as the instance receives its outcomes.");
    }

    /// <summary>
    /// Raises the event <paramref name="eventName"/> for another instance, exactly once: the event is stored in the
    /// target's inbox in the same commit that journals this call, so a retried or replayed sender never delivers it
    /// twice. Completes once it is stored; the target takes it at its next
    /// <see cref="WaitForEventAsync{T}(string, TimeSpan?, CancellationToken)"/> for that name.
    /// </summary>
    /// <exception cref="WorkflowException">The target does not exist or has finished; the failure is journaled and replays the same.</exception>
    /// <exception cref="ArgumentException">The instance ID or event name is invalid.</exception>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    [DurableCall("Message", "$send")]
    public static Task RaiseEventAsync<T>(string instanceId, string eventName, T payload)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(eventName);
        var context = WorkflowContext.Current;
        if (context is not null) return context.RaiseEventAsync(instanceId, eventName, payload);
        WorkflowContext.ThrowIfEscaped($"Event '{eventName}' for '{instanceId}'");
        throw new InvalidOperationException($"Workflow.RaiseEventAsync sends from workflow code; from elsewhere raise event '{eventName}' with IWorkflowClient.RaiseEventAsync.");
    }

    /// <summary>
    /// Sets the instance's custom status: a small value describing where it stands (a stage, a progress count) that
    /// anyone can read without running anything, in <see cref="WorkflowInstanceInfo.CustomStatusJson"/> from
    /// <see cref="IWorkflowInspector.GetStatusAsync"/> and in the CLI. It is stored with the instance, written soon after
    /// the call (grouped with the instance's other writes); replay sets it again without writing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called outside workflow code.</exception>
    /// <exception cref="PayloadException">The value does not serialize or is too large.</exception>
    public static void SetStatus<T>(T value) => Require().SetStatus(value, typeof(T));

    /// <summary>
    /// Whether every accepted <see cref="UpdateAttribute"/> handler has finished: a workflow that must not end while
    /// updates run waits for it, <c>await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished)</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Read outside workflow code.</exception>
    public static bool AllHandlersFinished => Require().AllHandlersFinished;
}
