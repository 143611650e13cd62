namespace Workflows.Storage;

/// <summary>One durable operation of one execution of an instance, as recorded in the journal.</summary>
public sealed record JournalEntry
{
    /// <summary>The instance the operation belongs to.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The execution the operation belongs to.</summary>
    public required int Execution { get; init; }

    /// <summary>The operation ID, <c>{scope}/{name}#{n}</c>.</summary>
    public required string OperationId { get; init; }

    /// <summary>What kind of operation this is.</summary>
    public required JournalEntryKind Kind { get; init; }

    /// <summary>The operation's static name.</summary>
    public required string Name { get; init; }

    /// <summary>The scope the operation was scheduled in ("" at top level).</summary>
    public string Scope { get; init; } = "";

    /// <summary>The position, from 1, at which the operation was scheduled within its scope.</summary>
    public int Sequence { get; init; }

    /// <summary>Whether the operation is finished.</summary>
    public JournalEntryStatus Status { get; init; }

    /// <summary>
    /// The order, from 1, in which this operation's outcome was delivered to workflow code; replay delivers in
    /// this order. 0 for entries that are not deliveries (retry bookkeeping, synchronous values).
    /// </summary>
    public long CompletionIndex { get; init; }

    /// <summary>The result as JSON.</summary>
    public string? Result { get; init; }

    /// <summary>The failure, when <see cref="Status"/> is <see cref="JournalEntryStatus.Failed"/>.</summary>
    public WorkflowError? Error { get; init; }

    /// <summary>How many attempts have failed (Retrying) or run in all (Completed, Failed).</summary>
    public int Attempts { get; init; }

    /// <summary>When the next attempt may start (UTC), for a step waiting to retry; when a timer or an event wait is due.</summary>
    public DateTime? NextAttemptAt { get; init; }

    /// <summary>When the operation started running live (UTC); null for entries without a start (values, deliveries).</summary>
    public DateTime? StartedAt { get; init; }

    /// <summary>What the operation waited for when its name does not say: an event wait's event name. Not compared on replay.</summary>
    public string? Detail { get; init; }

    /// <summary>When the entry was written (UTC).</summary>
    public DateTime RecordedAt { get; init; }
}

/// <summary>Kinds of journaled operations.</summary>
public enum JournalEntryKind
{
    /// <summary>A step call.</summary>
    Step,
    /// <summary>A durable value: <c>Workflow.UtcNow</c>, <c>NewGuid()</c>, the <c>Random</c> seed.</summary>
    Value,
    /// <summary>A cancellation request delivered to the workflow.</summary>
    CancelRequest,
    /// <summary>A durable timer; <see cref="JournalEntry.NextAttemptAt"/> holds its due time until it fires.</summary>
    Timer,
    /// <summary>A wait for an external event; its result is the event's payload.</summary>
    Event,
    /// <summary>A scope or fan-out (item): its record holds the outcome of the workflow code inside.</summary>
    Scope,
    /// <summary>A child workflow: <see cref="JournalEntry.Result"/> holds its result once it ended.</summary>
    Child,
    /// <summary>
    /// A message sent to another instance: journaled in the commit that stores it in the target's inbox, or failed
    /// when the target does not exist or has finished.
    /// </summary>
    Message,
    /// <summary>A signal taken from the inbox and handed to its handler: <see cref="JournalEntry.Result"/> holds its arguments.</summary>
    Signal,
    /// <summary>An update accepted from the inbox: <see cref="JournalEntry.Result"/> holds its arguments; its run is a scope of its own.</summary>
    Update,
}

/// <summary>States of a journaled operation.</summary>
public enum JournalEntryStatus
{
    /// <summary>A step attempt failed and another will follow.</summary>
    Retrying,
    /// <summary>Finished with a result.</summary>
    Completed,
    /// <summary>Finished with an error.</summary>
    Failed,
}
