using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Diagnostics;
using Workflows.Serialization;
using Workflows.Storage;
using Workflows.Versioning;

namespace Workflows.Execution;

/// <summary>
/// Drives one execution of one instance: runs its workflow code to quiescence, replays recorded outcomes in
/// journal order, then delivers live outcomes one at a time, each only after its journal write is durable, and
/// finally records the terminal status.
/// </summary>
internal sealed partial class InstanceRunner
{
    private readonly RuntimeServices _services;
    private readonly IInlineCommits? _inlineCommits;
    private readonly WorkflowDefinition _definition;
    private InstanceRecord _instance;
    private readonly ReplayJournal _journal;
    private readonly WorkflowTaskScheduler _scheduler;
    private readonly Channel<WorkItem> _work = Channel.CreateUnbounded<WorkItem>(new() { SingleReader = true });
    private readonly Dictionary<string, PendingOperation> _pending = new(StringComparer.Ordinal);
    private readonly List<(PendingOperation Operation, JournalEntry? Recorded)> _deferred = [];
    private readonly List<StoreMutation> _bufferedValues = [];
    private readonly HashSet<string> _seenMessages = new(StringComparer.Ordinal);
    // Operations journaled by this runner; with the loaded journal, they tell whether a write is an operation's first.
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly List<PendingEventWait> _eventWaits = [];
    private readonly List<InboxMessage> _bufferedEvents = [];
    private readonly Dictionary<string, PendingChild> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InboxMessage> _childResults = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InstanceRecord> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop;
    private readonly Lock _gate = new();
    private long _lastCompletionIndex;
    private bool _stopped;
    private Exception? _halt;
    private Task<object?>? _workflowTask;
    private AsyncServiceScope? _runScope;

    public InstanceRunner(RuntimeServices services, WorkflowDefinition definition, InstanceRecord instance, IEnumerable<JournalEntry> journal)
    {
        _services = services;
        _inlineCommits = services.Store as IInlineCommits;
        _definition = definition;
        _instance = instance;
        _journal = new ReplayJournal(journal);
        _lastCompletionIndex = _journal.LastCompletionIndex;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(services.Stopping);
        Logger = services.LoggerFactory.CreateLogger("Workflows.Instance");
        _scheduler = new WorkflowTaskScheduler(() => _work.Writer.TryWrite(WorkItem.Wake.Instance));
        Context = new WorkflowContext(this, _journal, services.LoggerFactory.CreateLogger($"Workflows.Workflow.{definition.Name}"));
    }

    public string InstanceId => _instance.InstanceId;

    public string WorkflowName => _definition.Name;

    public int Execution => _instance.Execution;

    public WorkflowContext Context { get; }

    public PayloadSerializer Serializer => _services.Serializer;

    public ILogger Logger { get; }

    public CancellationToken StopToken => _stop.Token;

    public StepGate Steps => _services.Steps;

    /// <summary>The terminal record, or the reason the instance cannot go on in this process.</summary>
    public Task<InstanceRecord> Completion => _result.Task;

    /// <summary>Why the instance stopped without finishing (a nondeterminism, a store failure), if it did.</summary>
    public Exception? HaltReason => Volatile.Read(ref _halt);

    public Task RunAsync() => Task.Run(DriveAsync);

    /// <summary>Registers an operation scheduled by workflow code; false when the instance is halted.</summary>
    public bool Track(PendingOperation operation, JournalEntry? recorded)
    {
        if (_halt is not null) return false;
        _pending[operation.Key.Id] = operation;
        if (recorded is { Status: JournalEntryStatus.Completed or JournalEntryStatus.Failed })
        {
            if (!Context.IsReplaying)
                Halt(new NondeterminismException(InstanceId, null, operation.Key.Id,
                    $"Workflow instance '{InstanceId}' scheduled '{operation.Key.Id}' after replay, but the journal already holds its outcome: operation IDs are repeating. Make the sequence of durable calls deterministic."));
            return _halt is null; // The replay loop delivers it in journal order.
        }
        if (Context.IsReplaying && !operation.RunsDuringReplay) _deferred.Add((operation, recorded));
        else operation.Start(recorded);
        return true;
    }

    /// <summary>Keeps a durable value's record to be written with the next commit of this instance.</summary>
    public void BufferValue(JournalEntry entry)
    {
        lock (_gate) _bufferedValues.Add(PutLocked(entry));
    }

    /// <summary>
    /// Journals an operation's outcome and queues its delivery behind the write. Called from step threads. With
    /// <c>writeLater</c> the caller calls <see cref="WriteQueuedCommits"/> itself once it has left what it holds (a
    /// step its span and concurrency slot), so the write, which may wait for a disk sync, is not counted in them.
    /// </summary>
    public void Complete(PendingOperation operation, JournalEntryStatus status, string? result, WorkflowError? error, int attempts,
        DateTime? due = null, bool writeLater = false)
    {
        lock (_gate)
        {
            if (_stopped) return;
            var entry = Entry(operation, status, KindOf(operation)) with
            {
                CompletionIndex = ++_lastCompletionIndex,
                Result = result,
                Error = error,
                Attempts = attempts,
                NextAttemptAt = due,
            };
            _work.Writer.TryWrite(new WorkItem.Delivery(operation, entry, CommitLocked([PutLocked(entry)], writtenByCaller: _inlineCommits is not null)));
        }
        // Outside the gate: the write may wait for a disk sync, which other operations of this instance must not.
        if (!writeLater) WriteQueuedCommits();
    }

    /// <summary>
    /// Writes commits queued by <see cref="Complete"/> on this thread when the store is idle, or hands them to the
    /// store's writer; a no-op for stores that always write on their own thread.
    /// </summary>
    public void WriteQueuedCommits() => _inlineCommits?.CommitQueued();

    private static JournalEntryKind KindOf(PendingOperation operation) => operation switch
    {
        PendingTimer => JournalEntryKind.Timer,
        PendingEventWait => JournalEntryKind.Event,
        PendingChild => JournalEntryKind.Child,
        { RunsDuringReplay: true } => JournalEntryKind.Scope,
        _ => JournalEntryKind.Step,
    };

    /// <summary>Journals a failed attempt before the next one; false when the instance stopped meanwhile.</summary>
    public Task<bool> RecordRetryAsync(PendingOperation operation, int failedAttempts, DateTime nextAttemptAt, WorkflowError error) =>
        RecordProgressAsync(Entry(operation, JournalEntryStatus.Retrying, JournalEntryKind.Step) with
        {
            Attempts = failedAttempts,
            NextAttemptAt = nextAttemptAt,
            Error = error,
        });


    /// <summary>
    /// Takes a message from the inbox, once: a cancellation is journaled and delivered; an event is buffered until a
    /// wait for its name takes it.
    /// </summary>
    public void Deliver(InboxMessage message)
    {
        lock (_gate)
        {
            if (_stopped || !_seenMessages.Add(message.MessageId)) return;
            if (message.Kind == InboxMessageKind.ChildCompleted)
            {
                TakeChildCompletionLocked(message);
                return;
            }
            if (message.Kind == InboxMessageKind.Event)
            {
                var at = _bufferedEvents.FindIndex(m => m.ReceivedAt > message.ReceivedAt);
                _bufferedEvents.Insert(at < 0 ? _bufferedEvents.Count : at, message);
                MatchEventsLocked();
                return;
            }
            var operation = new CancellationDelivery(Context, message.MessageId);
            var entry = Entry(operation, JournalEntryStatus.Completed, JournalEntryKind.CancelRequest) with
            {
                CompletionIndex = ++_lastCompletionIndex,
                Result = message.Payload,
            };
            _work.Writer.TryWrite(new WorkItem.Delivery(operation, entry,
                CommitLocked([PutLocked(entry), new DeleteInboxMessage(InstanceId, message.MessageId)])));
        }
    }

    /// <summary>Stops the instance here: nothing more is written or delivered, and waiters see <paramref name="reason"/>.</summary>
    public void Halt(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _halt, reason, null) is not null) return;
        lock (_gate) _stopped = true;
        Log.InstanceHalted(Logger, reason, InstanceId);
        _result.TrySetException(reason);
        _work.Writer.TryComplete();
        _stop.Cancel();
    }

    /// <summary>Stops the instance after it was terminated; the caller already recorded the terminal status.</summary>
    public void Terminated(InstanceRecord record)
    {
        EndChildren(terminate: true, record.StatusReason);
        lock (_gate) _stopped = true;
        _result.TrySetResult(record);
        _work.Writer.TryComplete();
        _stop.Cancel();
    }

    /// <summary>Stops the instance because the engine stops; it resumes when the store is opened again.</summary>
    public void Abandon()
    {
        lock (_gate) _stopped = true;
        _result.TrySetException(new WorkflowException(
            $"The engine stopped before workflow instance '{InstanceId}' finished. It resumes where it stopped when an engine opens the store again."));
        _work.Writer.TryComplete();
    }

    /// <summary>
    /// Journals that <paramref name="operation"/> waits until <paramref name="due"/>, so a restart resumes the wait
    /// instead of starting it over; false when the instance stopped or the write failed (the instance is halted).
    /// </summary>
    public Task<bool> RecordDueAsync(PendingOperation operation, DateTime due) =>
        RecordProgressAsync(Entry(operation, JournalEntryStatus.Retrying, KindOf(operation)) with { NextAttemptAt = due });

    /// <summary>Journals an operation's progress (not its outcome); false when the instance stopped or the write failed (it is halted then).</summary>
    private async Task<bool> RecordProgressAsync(JournalEntry entry)
    {
        Task durable;
        lock (_gate)
        {
            if (_stopped) return false;
            durable = CommitLocked([PutLocked(entry)]);
        }
        try
        {
            await durable.ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            Halt(ex);
            return false;
        }
    }


    private JournalEntry Entry(PendingOperation operation, JournalEntryStatus status, JournalEntryKind kind) => new()
    {
        InstanceId = InstanceId,
        Execution = Execution,
        OperationId = operation.Key.Id,
        Kind = kind,
        Name = operation.Name,
        Scope = operation.Key.Scope,
        Sequence = operation.Key.Sequence,
        Status = status,
        RecordedAt = DateTime.UtcNow,
    };

    /// <summary>The write of <paramref name="entry"/>, marked as its operation's first when it is (under the gate).</summary>
    private PutJournalEntry PutLocked(JournalEntry entry) =>
        new(entry, IsFirstWrite: _written.Add(entry.OperationId) && _journal.Find(entry.OperationId) is null);

    // writtenByCaller: only queued, for the caller to write after leaving the gate (IInlineCommits).
    private Task CommitLocked(List<StoreMutation> mutations, bool writtenByCaller = false)
    {
        if (_bufferedValues.Count > 0)
        {
            mutations.InsertRange(0, _bufferedValues);
            _bufferedValues.Clear();
        }
        try
        {
            return writtenByCaller ? _inlineCommits!.QueueAsync(mutations) : _services.Store.CommitAsync(mutations);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private async Task DriveAsync()
    {
        using var activity = WorkflowDiagnostics.Source.StartActivity($"workflow {WorkflowName}", ActivityKind.Internal);
        activity?.SetTag("workflow.name", WorkflowName);
        activity?.SetTag("workflow.instance_id", InstanceId);
        activity?.SetTag("workflow.execution", Execution);
        activity?.SetTag("workflow.replaying", Context.IsReplaying);
        // Flows into the workflow code and every step it starts: their log lines carry the instance.
        using var logScope = Logger.BeginScope(LogScope.ForInstance(WorkflowName, InstanceId, Execution));
        try
        {
            if (!await AdoptCurrentManifestAsync().ConfigureAwait(false)) return;
            StartWorkflowCode();
            if (_halt is not null) return;
            Replay();
            if (_halt is null) await RunLiveAsync().ConfigureAwait(false);
            if (_halt is null && !_stop.IsCancellationRequested && _workflowTask is { IsCompleted: true }) await FinishAsync().ConfigureAwait(false);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Terminated, halted or the engine is stopping: whoever stopped us settled the result.
        }
        catch (Exception ex)
        {
            Halt(ex);
        }
        finally
        {
            if (_halt is { } halt) activity?.SetStatus(ActivityStatusCode.Error, halt.Message);
            if (!_result.Task.IsCompleted) Abandon();
            if (_runScope is { } runScope) await runScope.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks, before any replay, that the code still makes the durable calls the journal was recorded with; a
    /// compatible change (calls appended after the recorded history) becomes the instance's manifest.
    /// </summary>
    private async Task<bool> AdoptCurrentManifestAsync()
    {
        if (_definition.Manifest is not { } current || current.Text == _instance.Manifest) return true;
        if (_instance.Manifest is { } stored && _journal.All.Count > 0
            && ManifestCompatibility.FirstIncompatibility(WorkflowManifest.Parse(stored), current, _journal.All) is { } mismatch)
        {
            Halt(new WorkflowVersionMismatchException(InstanceId, WorkflowName, mismatch.Recorded, mismatch.Current));
            return false;
        }
        var adopted = _instance with { Manifest = current.Text, UpdatedAt = DateTime.UtcNow };
        Task durable;
        lock (_gate) durable = CommitLocked([new UpdateInstance(adopted, WorkflowStatus.Running)]);
        await durable.ConfigureAwait(false);
        _instance = adopted;
        return true;
    }

    private void StartWorkflowCode()
    {
        object? input;
        try
        {
            input = Serializer.Deserialize(_instance.Input, _definition.InputType, $"input of workflow instance '{InstanceId}'");
        }
        catch (PayloadException ex)
        {
            // The input was accepted when the instance started, so the code's input type changed since: keep the
            // instance as it is rather than failing it, so it resumes once the type reads the stored input again.
            Halt(new WorkflowException(
                $"The stored input of workflow instance '{InstanceId}' ({WorkflowName}) does not read as {_definition.InputType.FullName} any more: {ex.Message} " +
                "The instance was left as it is: restore an input type that reads the stored JSON, and it resumes.", ex));
            return;
        }
        var services = _services.Services;
        if (services?.GetService(typeof(IServiceScopeFactory)) is IServiceScopeFactory scopes)
        {
            // One DI scope per run: the workflow object and its scoped dependencies live as long as this run.
            _runScope = scopes.CreateAsyncScope();
            services = _runScope.Value.ServiceProvider;
        }
        _scheduler.RunAndDrain(() =>
        {
            try
            {
                WorkflowContext.EnterWorkflowCode(Context);
                _workflowTask = _definition.InvokeAsync(services, input);
            }
            catch (Exception ex)
            {
                _workflowTask = Task.FromException<object?>(ex);
            }
        }, Context);
    }

    private void Replay()
    {
        ReplayRecorded();
        if (_halt is not null) return;

        Context.IsReplaying = false;
        foreach (var (operation, recorded) in _deferred) operation.Start(recorded);
        _deferred.Clear();
    }

    /// <summary>Delivers every recorded outcome in journal order; the operations scheduled beyond them wait in <see cref="_deferred"/>.</summary>
    private void ReplayRecorded()
    {
        var deliveries = _journal.Deliveries;
        if (deliveries.Count == 0) return;
        WorkflowMetrics.Replayed(WorkflowName, deliveries.Count);
        // One task on the workflow scheduler delivers every outcome and runs the workflow code each one resumes before
        // the next: the order of one task per outcome, without a task, a closure and a queue round per replayed operation.
        _scheduler.RunAndDrain(() => DeliverRecorded(deliveries), Context);
    }

    private void DeliverRecorded(IReadOnlyList<JournalEntry> deliveries)
    {
        for (var i = 0; i < deliveries.Count && _halt is null; i++)
        {
            var entry = deliveries[i];
            if (_workflowTask is { IsCompleted: true })
            {
                var how = _workflowTask.Exception?.InnerException is { } thrown ? $" (it threw {thrown.GetType().Name}: {thrown.Message})" : "";
                Halt(Diverged(entry.OperationId, $"the workflow finished{how}, but the journal records more outcomes, the next being '{entry.OperationId}' ({entry.Name})"));
                return;
            }

            PendingOperation? operation;
            if (entry.Kind == JournalEntryKind.CancelRequest)
            {
                var messageId = CancellationDelivery.MessageIdOf(entry.OperationId);
                operation = new CancellationDelivery(Context, messageId);
                _seenMessages.Add(messageId);
            }
            else if (!_pending.Remove(entry.OperationId, out operation))
            {
                Halt(Diverged(entry.OperationId,
                    $"the journal records the outcome of '{entry.OperationId}' ({entry.Name}) next, but the code did not schedule it; waiting: [{string.Join(", ", _pending.Keys)}]"));
                return;
            }
            try
            {
                operation.Deliver(entry);
            }
            catch (Exception ex)
            {
                Halt(ex);
                return;
            }
            _scheduler.RunQueued();
        }
    }

    private NondeterminismException Diverged(string expected, string detail) =>
        new(InstanceId, expected, null,
            $"Workflow instance '{InstanceId}' ({WorkflowName}, execution {Execution}) no longer matches its journal: {detail}. " +
            "The instance was left as it is: restore the previous sequence of durable calls and restart to resume it.");

    private async Task RunLiveAsync()
    {
        foreach (var message in await _services.Store.LoadInboxAsync(InstanceId, _stop.Token).ConfigureAwait(false)) Deliver(message);

        while (_halt is null && _workflowTask is not { IsCompleted: true })
        {
            WorkItem item;
            if (!_work.Reader.TryRead(out item!))
            {
                var read = _work.Reader.ReadAsync(_stop.Token).AsTask();
                while (_services.EvictSuspendedAfter is { } evictAfter && !read.IsCompleted && IsSuspended())
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    var woke = await Task.WhenAny(read, Task.Delay(evictAfter, idle.Token)).ConfigureAwait(false);
                    await idle.CancelAsync().ConfigureAwait(false);
                    if (woke != read && TrySuspend())
                    {
                        _ = read.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                        return;
                    }
                }
                item = await read.ConfigureAwait(false);
            }
            if (item is WorkItem.Delivery delivery)
            {
                try
                {
                    // A stopping engine does not wait for writes it will not deliver; they resume from the journal.
                    await delivery.Durable.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Halt(ex);
                    return;
                }
                _pending.Remove(delivery.Operation.Key.Id);
                DeliverOnScheduler(delivery.Operation, delivery.Entry);
            }
            else
            {
                Drain();
            }
        }
    }

    private void DeliverOnScheduler(PendingOperation operation, JournalEntry entry) =>
        _scheduler.RunAndDrain(() => operation.Deliver(entry), Context);

    private void Drain() => _scheduler.Drain(Context);

    private async Task FinishAsync()
    {
        var task = _workflowTask!;
        var now = DateTime.UtcNow;
        var record = _instance with { UpdatedAt = now, CompletedAt = now };
        if (task.Exception?.InnerException is ContinueAsNewException next && !Context.CancellationRequested)
        {
            record = NextExecution(next, now);
        }
        else if (task.IsCompletedSuccessfully)
        {
            try
            {
                record = record with { Status = WorkflowStatus.Completed, Output = Serializer.Serialize(task.Result, _definition.OutputType, $"result of workflow instance '{InstanceId}'") };
            }
            catch (PayloadException ex)
            {
                record = record with { Status = WorkflowStatus.Failed, Error = WorkflowError.From(ex) };
            }
        }
        else
        {
            var exception = task.Exception?.InnerException ?? new OperationCanceledException();
            record = exception is OperationCanceledException && Context.CancellationRequested
                ? record with { Status = WorkflowStatus.Canceled, StatusReason = Context.CancellationReason }
                : record with { Status = WorkflowStatus.Failed, Error = WorkflowError.From(exception) };
        }

        Task durable;
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
            List<StoreMutation> mutations = [new UpdateInstance(record, WorkflowStatus.Running)];
            if (ChildCompletion.MessageFor(record) is { } toParent) mutations.Add(new PutInboxMessage(toParent));
            if (record.Execution > Execution && !_services.KeepContinuedExecutions) mutations.Add(new DeleteJournal(InstanceId, Execution));
            durable = CommitLocked(mutations);
        }
        try
        {
            await durable.ConfigureAwait(false);
        }
        catch (WorkflowException ex) when (ex is not CheckpointStoreException)
        {
            // Terminated while finishing: the termination stands.
            Log.FinishedAfterTermination(Logger, ex, InstanceId);
            if (await _services.Store.GetInstanceAsync(InstanceId).ConfigureAwait(false) is { } stored) _result.TrySetResult(stored);
            return;
        }
        catch (Exception ex)
        {
            Halt(ex);
            return;
        }
        if (record.Status == WorkflowStatus.Running)
        {
            // The next execution is registered before waiters see this one end, so they find it.
            Log.ContinuedAsNew(Logger, InstanceId, record.Execution);
            try
            {
                _services.Host.StartInstance(record);
            }
            catch (ObjectDisposedException)
            {
                // The engine is stopping: the next execution starts when the store is opened again.
            }
        }
        else
        {
            Log.InstanceEnded(Logger, InstanceId, record.Status);
            WorkflowMetrics.InstanceEnded(WorkflowName, record.Status);
            if (ChildCompletion.MessageFor(record) is { } toParent) _services.Host.Deliver(toParent);
        }
        _result.TrySetResult(record);
        _stop.Cancel();
    }

    /// <summary>Execution + 1 with the new input; the journal of this one stays, and unconsumed events stay in the inbox.</summary>
    private InstanceRecord NextExecution(ContinueAsNewException next, DateTime now)
    {
        try
        {
            return _instance with
            {
                Execution = Execution + 1,
                Input = Serializer.Serialize(next.Input, _definition.InputType, $"input of execution {Execution + 1} of workflow instance '{InstanceId}'"),
                Manifest = _definition.Manifest?.Text ?? _instance.Manifest,
                UpdatedAt = now,
            };
        }
        catch (PayloadException ex)
        {
            return _instance with { Status = WorkflowStatus.Failed, Error = WorkflowError.From(ex), UpdatedAt = now, CompletedAt = now };
        }
    }
}
