using System.Threading.Channels;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// Writes one execution's journal: builds its entries, numbers outcomes in the order they complete, keeps durable
/// values until the next commit, and queues each outcome's delivery behind its write. Once closed it writes nothing.
/// </summary>
internal sealed class InstanceJournal
{
    private readonly ICheckpointStore _store;
    private readonly IInlineCommits? _inlineCommits;
    private readonly ChannelWriter<WorkItem> _deliveries;
    private readonly Action<Exception> _halt;
    private readonly IInstanceHost _host;
    private readonly string _instanceId;
    private readonly int _execution;
    private readonly List<StoreMutation> _bufferedValues = [];
    // Operations journaled by this run; with the loaded journal, they tell whether a write is an operation's first.
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    // Numbering an outcome, queuing its write and queuing its delivery happen under one lock, so the journal's
    // completion order, the store's write order and the delivery order are the same.
    private readonly Lock _gate = new();
    private long _lastCompletionIndex;
    private volatile bool _closed;

    public InstanceJournal(ICheckpointStore store, IInstanceHost host, ReplayJournal recorded, InstanceRecord instance, ChannelWriter<WorkItem> deliveries, Action<Exception> halt)
    {
        _host = host;
        _store = store;
        _inlineCommits = store as IInlineCommits;
        Recorded = recorded;
        _deliveries = deliveries;
        _halt = halt;
        _instanceId = instance.InstanceId;
        _execution = instance.Execution;
        _lastCompletionIndex = recorded.LastCompletionIndex;
    }

    /// <summary>What this execution recorded before this run.</summary>
    public ReplayJournal Recorded { get; }

    /// <summary>Whether nothing more is written for this run (it finished, stopped, or let go of the instance).</summary>
    public bool IsClosed => _closed;

    /// <summary>
    /// Journals an operation's outcome and queues its delivery behind the write. Off the workflow's scheduler the
    /// write happens on the calling thread when the store is idle, so callers record only after they have let go of
    /// what they hold (a step its span and concurrency slot): a disk sync is not counted in them.
    /// </summary>
    public void RecordOutcome(PendingOperation operation, JournalEntryStatus status, string? result, WorkflowError? error, int attempts, DateTime? due = null)
    {
        // On the workflow's scheduler (a scope completing) the store's writer thread writes: the store's own
        // I/O must not run under a task scheduler of the instance's.
        var inline = _inlineCommits is not null && WorkflowContext.Current is null;
        lock (_gate)
        {
            if (_closed) return;
            var entry = Outcome(operation, status, JournalKinds.Of(operation), result, error, attempts, due);
            _deliveries.TryWrite(new WorkItem.Delivery(operation, entry, CommitLocked([PutLocked(entry)], inline)));
        }
        if (inline) _inlineCommits!.CommitQueued();
    }

    /// <summary>
    /// Journals an outcome that consumes an inbox message: the entry and the message's deletion are one commit. With
    /// <paramref name="admit"/>, asked under the lock that numbers outcomes, the operation takes the message only when
    /// it agrees; false when nothing was journaled.
    /// </summary>
    public bool RecordConsumed(PendingOperation operation, JournalEntryKind kind, InboxMessage message, Func<bool>? admit = null)
    {
        lock (_gate)
        {
            if (_closed || (admit is not null && !admit())) return false;
            var status = message.Error is null ? JournalEntryStatus.Completed : JournalEntryStatus.Failed;
            var entry = Outcome(operation, status, kind, message.Payload, message.Error, attempts: kind == JournalEntryKind.CancelRequest ? 0 : 1, due: null);
            _deliveries.TryWrite(new WorkItem.Delivery(operation, entry,
                CommitLocked([PutLocked(entry), new DeleteInboxMessage(_instanceId, message.MessageId)], inline: false)));
            return true;
        }
    }

    /// <summary>
    /// Journals a send and stores its message in the target's inbox in one commit, which requires the target to be
    /// running; when it is not, the send's failure is journaled instead (with the values that rode on the rejected
    /// commit). Either way the outcome is delivered behind its write, and the message handed to the target's runner.
    /// </summary>
    public void RecordSend(PendingMessage send)
    {
        lock (_gate)
        {
            if (_closed) return;
            var entry = Outcome(send, JournalEntryStatus.Completed, JournalEntryKind.Message, null, null, 1, null);
            var put = PutLocked(entry);
            List<StoreMutation> mutations = [put, new ExpectRunning(send.Message.InstanceId), new PutInboxMessage(send.Message)];
            var stored = CommitLocked(mutations, inline: false);
            _deliveries.TryWrite(new WorkItem.Delivery(send, entry, SettleSendAsync(send, stored, mutations, put)));
        }
    }

    private async Task SettleSendAsync(PendingMessage send, Task stored, List<StoreMutation> mutations, PutJournalEntry put)
    {
        try
        {
            await stored.ConfigureAwait(false);
            _host.Deliver(send.Message);
            return;
        }
        catch (WorkflowException ex) when (ex is not CheckpointStoreException)
        {
            // Rejected as a whole, so nothing of it is stored: journal the failure under the same completion index.
            var error = WorkflowError.From(ex);
            send.Refused(error);
            var failed = put with { Entry = put.Entry with { Status = JournalEntryStatus.Failed, Error = error } };
            List<StoreMutation> instead = [.. mutations.Where(m => m is PutJournalEntry && m != put), failed];
            await _store.CommitAsync(instead).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Journals the acceptance of an update and delivers it at once: its record (and the inbox message's deletion)
    /// rides on the instance's next commit, which the update's own run always makes, so the update is durable with
    /// its first effect and its result is written no earlier than its acceptance.
    /// </summary>
    public void RecordAccepted(PendingOperation operation, InboxMessage message)
    {
        lock (_gate)
        {
            if (_closed) return;
            var entry = Outcome(operation, JournalEntryStatus.Completed, JournalEntryKind.Update, message.Payload, null, 1, null);
            _bufferedValues.Add(PutLocked(entry));
            _bufferedValues.Add(new DeleteInboxMessage(_instanceId, message.MessageId));
            _deliveries.TryWrite(new WorkItem.Delivery(operation, entry, Task.CompletedTask));
        }
    }

    /// <summary>Keeps a durable value's record to be written with the next commit of this instance.</summary>
    public void BufferValue(JournalEntry entry)
    {
        lock (_gate) _bufferedValues.Add(PutLocked(entry));
    }

    /// <summary>The record of a step that failed <paramref name="failedAttempts"/> attempts and retries at <paramref name="nextAttemptAt"/>.</summary>
    public JournalEntry RetryEntry(PendingOperation operation, int failedAttempts, DateTime nextAttemptAt, WorkflowError error, string? heartbeat) =>
        Entry(operation, JournalEntryStatus.Retrying, JournalEntryKind.Step) with
        {
            Attempts = failedAttempts,
            NextAttemptAt = nextAttemptAt,
            Error = error,
            Result = heartbeat,
        };

    /// <summary>
    /// Journals <paramref name="retry"/> (a <see cref="RetryEntry"/>) with a record of the failed attempt, started at
    /// <paramref name="attemptStartedAt"/>, for its history in the same commit; false when the run stopped meanwhile.
    /// </summary>
    public Task<bool> RecordRetryAsync(JournalEntry retry, DateTime attemptStartedAt) =>
        RecordProgressAsync(retry, FailedAttemptRecord.Of(retry, attemptStartedAt));

    /// <summary>
    /// Journals a running step's heartbeat details (in its in-progress record, which a later attempt reads back) with
    /// <paramref name="attempt"/> counted as made; false when the run stopped meanwhile.
    /// </summary>
    public Task<bool> RecordHeartbeatAsync(PendingOperation operation, int attempt, string? details) =>
        RecordProgressAsync(Entry(operation, JournalEntryStatus.Retrying, JournalEntryKind.Step) with
        {
            Attempts = attempt,
            Result = details,
        });

    /// <summary>
    /// Journals that <paramref name="operation"/> waits until <paramref name="due"/>, so a restart resumes the wait
    /// instead of starting it over; false when the run stopped or the write failed (the instance is halted then).
    /// </summary>
    public Task<bool> RecordDueAsync(PendingOperation operation, DateTime due) =>
        RecordProgressAsync(Entry(operation, JournalEntryStatus.Retrying, JournalKinds.Of(operation)) with { NextAttemptAt = due });

    /// <summary>Commits <paramref name="mutations"/> (after any buffered values) unless the run is closed; null when it is.</summary>
    public Task? Commit(List<StoreMutation> mutations)
    {
        lock (_gate) return _closed ? null : CommitLocked(mutations, inline: false);
    }

    /// <summary>Commits the run's last mutations and closes it, unless it was closed already (then null).</summary>
    public Task? CommitAndClose(List<StoreMutation> mutations)
    {
        lock (_gate)
        {
            if (_closed) return null;
            _closed = true;
            return CommitLocked(mutations, inline: false);
        }
    }

    /// <summary>
    /// Closes the run if it holds nothing unwritten and <paramref name="idle"/> still says so under the lock that
    /// queues deliveries. Durable values read since the last write are committed first: then it returns false and
    /// the caller tries again later.
    /// </summary>
    public bool TryCloseIdle(Func<bool> idle)
    {
        Task flush;
        lock (_gate)
        {
            if (_closed || !idle()) return false;
            if (_bufferedValues.Count == 0)
            {
                _closed = true;
                return true;
            }
            flush = CommitLocked([], inline: false);
        }
        _ = flush.ContinueWith(t => _halt(t.Exception!.InnerException!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return false;
    }

    /// <summary>Closes the run: nothing more is written.</summary>
    public void Close()
    {
        lock (_gate) _closed = true;
    }

    private async Task<bool> RecordProgressAsync(params JournalEntry[] entries)
    {
        Task durable;
        lock (_gate)
        {
            if (_closed) return false;
            durable = CommitLocked([.. entries.Select(PutLocked)], inline: false);
        }
        try
        {
            await durable.ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            _halt(ex);
            return false;
        }
    }

    private JournalEntry Outcome(PendingOperation operation, JournalEntryStatus status, JournalEntryKind kind, string? result, WorkflowError? error, int attempts, DateTime? due)
    {
        operation.OutcomeRecorded = true;
        return Entry(operation, status, kind) with
        {
            CompletionIndex = ++_lastCompletionIndex,
            Result = result,
            Error = error,
            Attempts = attempts,
            NextAttemptAt = due,
        };
    }

    private JournalEntry Entry(PendingOperation operation, JournalEntryStatus status, JournalEntryKind kind) => new()
    {
        InstanceId = _instanceId,
        Execution = _execution,
        OperationId = operation.Key.Id,
        Kind = kind,
        Name = operation.Name,
        Scope = operation.Key.Scope,
        Sequence = operation.Key.Sequence,
        Status = status,
        RecordedAt = DateTime.UtcNow,
        Detail = (operation as PendingEventWait)?.EventName,
        StartedAt = operation.StartedAt == default ? null : operation.StartedAt,
    };


    /// <summary>The write of <paramref name="entry"/>, marked as its operation's first when it is (under the gate).</summary>
    private PutJournalEntry PutLocked(JournalEntry entry) =>
        new(entry, IsFirstWrite: _written.Add(entry.OperationId) && Recorded.Find(entry.OperationId) is null);

    // inline: only queued, for the caller to write on its own thread once it has left the gate (IInlineCommits).
    private Task CommitLocked(List<StoreMutation> mutations, bool inline)
    {
        if (_bufferedValues.Count > 0)
        {
            mutations.InsertRange(0, _bufferedValues);
            _bufferedValues.Clear();
        }
        try
        {
            return inline ? _inlineCommits!.QueueAsync(mutations) : _store.CommitAsync(mutations);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }
}
