namespace Workflows.Storage;

/// <summary>A message for an instance that its workflow has not consumed yet, such as a cancellation request.</summary>
public sealed record InboxMessage
{
    /// <summary>A unique ID of the message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The instance the message is for.</summary>
    public required string InstanceId { get; init; }

    /// <summary>What the message asks for.</summary>
    public required InboxMessageKind Kind { get; init; }

    /// <summary>The cancellation reason, or the event payload as JSON.</summary>
    public string? Payload { get; init; }

    /// <summary>The event name, for <see cref="InboxMessageKind.Event"/>.</summary>
    public string? EventName { get; init; }

    /// <summary>The operation the message completes, for <see cref="InboxMessageKind.ChildCompleted"/>.</summary>
    public string? OperationId { get; init; }

    /// <summary>The execution the message is addressed to, for <see cref="InboxMessageKind.ChildCompleted"/>.</summary>
    public int Execution { get; init; }

    /// <summary>The child's failure, for a <see cref="InboxMessageKind.ChildCompleted"/> that did not complete.</summary>
    public WorkflowError? Error { get; init; }

    /// <summary>When the message arrived (UTC); messages are consumed in this order.</summary>
    public DateTime ReceivedAt { get; init; }
}

/// <summary>Kinds of inbox messages.</summary>
public enum InboxMessageKind
{
    /// <summary>Cancel the instance cooperatively.</summary>
    Cancel,
    /// <summary>An external event for <see cref="Workflow.WaitForEventAsync{T}(string, TimeSpan?, CancellationToken)"/>.</summary>
    Event,
    /// <summary>A child workflow ended; <see cref="InboxMessage.Payload"/> holds its result or <see cref="InboxMessage.Error"/> its failure.</summary>
    ChildCompleted,
    /// <summary>
    /// A signal for a <see cref="SignalAttribute"/> handler: <see cref="InboxMessage.EventName"/> names it and
    /// <see cref="InboxMessage.Payload"/> holds its arguments as a JSON array.
    /// </summary>
    Signal,
    /// <summary>
    /// An update request: <see cref="InboxMessage.MessageId"/> is the update's ID, <see cref="InboxMessage.EventName"/>
    /// names it and <see cref="InboxMessage.Payload"/> holds its arguments as a JSON array.
    /// </summary>
    Update,
}
