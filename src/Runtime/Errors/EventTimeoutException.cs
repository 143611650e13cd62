namespace Workflows;

/// <summary>A <see cref="Workflow.WaitForEventAsync{T}(string, TimeSpan?, CancellationToken)"/> timed out before the event arrived; replay throws it again at the same point.</summary>
public sealed class EventTimeoutException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public EventTimeoutException(string instanceId, string eventName, string operationId)
        : base($"Workflow instance '{instanceId}' waited for event '{eventName}' ({operationId}), and it did not arrive before the timeout. " +
               "Catch this exception to take the timeout path; an event raised later stays buffered for the next wait of that name.")
    {
        InstanceId = instanceId;
        EventName = eventName;
        OperationId = operationId;
    }

    /// <summary>The waiting instance.</summary>
    public string InstanceId { get; }

    /// <summary>The event it waited for.</summary>
    public string EventName { get; }

    /// <summary>The wait's operation ID.</summary>
    public string OperationId { get; }
}
