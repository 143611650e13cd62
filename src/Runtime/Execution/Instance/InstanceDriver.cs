using System.Diagnostics;
using System.Threading.Channels;
using Workflows.Diagnostics;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// Runs one instance's workflow code on its scheduler: replays recorded outcomes in journal order, then delivers
/// live outcomes one at a time, each only after its journal write is durable, and lets go of the instance when it
/// only waits. Every operation the code schedules passes through <see cref="Track"/>.
/// </summary>
internal sealed partial class InstanceDriver
{
    private readonly InstanceRunner _runner;
    private readonly RuntimeServices _services;
    private readonly Channel<WorkItem> _work;
    private readonly WorkflowTaskScheduler _scheduler;
    private readonly Dictionary<string, PendingOperation> _pending = new(StringComparer.Ordinal);
    private readonly List<(PendingOperation Operation, JournalEntry? Recorded)> _deferred = [];
    // A resumed run holds back the operations it starts until the attempts the previous run left unfinished are counted.
    private bool _countingInterrupted;
    private Task<object?>? _workflow;

    /// <summary>The pending condition waits of the workflow code.</summary>
    public ConditionWaits Conditions { get; } = new();

    public InstanceDriver(InstanceRunner runner, RuntimeServices services, Channel<WorkItem> work)
    {
        _runner = runner;
        _services = services;
        _work = work;
        _scheduler = new WorkflowTaskScheduler(Wake);
        _countingInterrupted = runner.Resumed;
    }

    /// <summary>The workflow code's task, once started.</summary>
    public Task<object?>? Workflow => _workflow;

    /// <summary>What the code waits for: operations scheduled and not yet delivered.</summary>
    public IEnumerable<string> WaitingOn => _deferred.Select(d => d.Operation.Key.Id).Concat(_pending.Keys).Distinct();

    /// <summary>The operations scheduled and not yet delivered.</summary>
    public IEnumerable<PendingOperation> Pending => _pending.Values;

    private WorkflowContext Context => _runner.Context;

    private bool Halted => _runner.Lifecycle.HaltReason is not null;

    /// <summary>Registers an operation scheduled by workflow code; false when the instance is halted.</summary>
    public bool Track(PendingOperation operation, JournalEntry? recorded)
    {
        if (Halted) return false;
        _pending[operation.Key.Id] = operation;
        if (recorded is { Status: JournalEntryStatus.Completed or JournalEntryStatus.Failed })
        {
            if (!Context.IsReplaying)
                _runner.Lifecycle.Halt(new NondeterminismException(_runner.InstanceId, null, operation.Key.Id,
                    $"Workflow instance '{_runner.InstanceId}' scheduled '{operation.Key.Id}' after replay, but the journal already holds its outcome: operation IDs are repeating. Make the sequence of durable calls deterministic."));
            return !Halted; // The replay loop delivers it in journal order.
        }
        if ((Context.IsReplaying || _countingInterrupted) && !operation.RunsDuringReplay) _deferred.Add((operation, recorded));
        else operation.StartLive(recorded);
        return true;
    }

    /// <summary>Wakes the driver to run workflow code queued from outside a drain, or to look again whether the instance only waits.</summary>
    public void Wake() => TryWake();

    /// <inheritdoc cref="Wake"/>
    /// <returns>False when the driver takes no more work.</returns>
    public bool TryWake() => _work.Writer.TryWrite(WorkItem.Wake.Instance);

    /// <summary>Takes what is queued and not yet handled, once the driver stopped handling it.</summary>
    public IEnumerable<WorkItem> TakeQueued()
    {
        Close();
        while (_work.Reader.TryRead(out var item)) yield return item;
    }

    /// <summary>Stops taking work: nothing more is delivered.</summary>
    public void Close() => _work.Writer.TryComplete();

    /// <summary>Queues a query for the live run; false when the run no longer takes work.</summary>
    public bool TryQueue(WorkItem.Query query) => _work.Writer.TryWrite(query);

    /// <summary>Answers a query with the workflow object's state as it is between deliveries.</summary>
    public void Answer(WorkItem.Query query)
    {
        try
        {
            query.Answer.TrySetResult(QueryScope.Run(_runner.InstanceId, () => query.Read(_runner.Lifecycle.WorkflowObject)));
        }
        catch (Exception ex)
        {
            query.Answer.TrySetException(ex);
        }
    }

    public async Task DriveAsync()
    {
        using var activity = WorkflowDiagnostics.Source.StartActivity($"workflow {_runner.WorkflowName}", ActivityKind.Internal);
        activity?.SetTag("workflow.name", _runner.WorkflowName);
        activity?.SetTag("workflow.instance_id", _runner.InstanceId);
        activity?.SetTag("workflow.execution", _runner.Execution);
        activity?.SetTag("workflow.replaying", Context.IsReplaying);
        // Flows into the workflow code and every step it starts: their log lines carry the instance.
        using var logScope = _runner.Logger.BeginScope(LogScope.ForInstance(_runner.WorkflowName, _runner.InstanceId, _runner.Execution));
        var lifecycle = _runner.Lifecycle;
        try
        {
            if (_runner.Prelude is { } prelude) await prelude.ConfigureAwait(false);
            if (!await lifecycle.AdoptCurrentManifestAsync().ConfigureAwait(false)) return;
            _runner.Deadline.Watch();
            if (!StartWorkflowCode()) return;
            ReplayRecorded();
            if (Halted) return;
            Context.IsReplaying = false;
            lifecycle.PublishCustomStatus();
            if (!await StartDeferredAsync().ConfigureAwait(false)) return;
            if (Halted) return;
            await RunLiveAsync().ConfigureAwait(false);
            if (!Halted && _runner.Suspension.Requested is { } suspended)
            {
                await _runner.Suspension.WindDownAsync(suspended).ConfigureAwait(false);
                return;
            }
            if (!Halted && !lifecycle.IsStopping && _workflow is { IsCompleted: true }) await lifecycle.FinishAsync(_workflow).ConfigureAwait(false);
        }
        catch (Exception) when (lifecycle.IsStopping)
        {
            // Terminated, halted or the engine is stopping: whoever stopped us settled the result.
        }
        catch (Exception ex)
        {
            lifecycle.Halt(ex);
        }
        finally
        {
            if (lifecycle.HaltReason is { } halt) activity?.SetStatus(ActivityStatusCode.Error, halt.Message);
            AbandonQueries();
            await lifecycle.ReleaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts what the code scheduled during replay (and, in a resumed run, before it settled), once the step attempts
    /// the previous run left unfinished are journaled as failed; false when the run stopped meanwhile.
    /// </summary>
    private async Task<bool> StartDeferredAsync()
    {
        var starting = _deferred.ToList();
        _deferred.Clear();
        if (_countingInterrupted)
        {
            if (await InterruptedAttempts.CountAsync(_runner, starting).ConfigureAwait(false) is not { } counted) return false;
            starting = counted;
            _countingInterrupted = false;
        }
        foreach (var (operation, recorded) in starting) operation.StartLive(recorded);
        return !Halted;
    }

    /// <summary>Starts the workflow method on the scheduler and runs it to its first wait; false when the instance halted.</summary>
    public bool StartWorkflowCode()
    {
        if (_runner.Lifecycle.PrepareInvocation() is not { } invoke) return false;
        _scheduler.RunAndDrain(() =>
        {
            try
            {
                WorkflowContext.EnterWorkflowCode(Context);
                _workflow = invoke();
            }
            catch (Exception ex)
            {
                _workflow = Task.FromException<object?>(ex);
            }
        }, Context);
        Conditions.Settle(_scheduler, Context);
        return !Halted;
    }

    /// <summary>Delivers every recorded outcome in journal order; the operations scheduled beyond them wait until replay ends.</summary>
    public void ReplayRecorded()
    {
        var deliveries = _runner.Journal.Recorded.Deliveries;
        if (deliveries.Count == 0) return;
        WorkflowMetrics.Replayed(_runner.WorkflowName, deliveries.Count);
        // One task on the workflow scheduler delivers every outcome and runs the workflow code each one resumes before
        // the next: the order of one task per outcome, without a task, a closure and a queue round per replayed operation.
        _scheduler.RunAndDrain(() => DeliverRecorded(deliveries), Context);
    }

    private void DeliverRecorded(IReadOnlyList<JournalEntry> deliveries)
    {
        for (var i = 0; i < deliveries.Count && !Halted; i++)
        {
            var entry = deliveries[i];
            if (_workflow is { IsCompleted: true })
            {
                var how = _workflow.Exception?.InnerException is { } thrown ? $" (it threw {thrown.GetType().Name}: {thrown.Message})" : "";
                _runner.Lifecycle.Halt(Diverged(entry.OperationId, $"the workflow finished{how}, but the journal records more outcomes, the next being '{entry.OperationId}' ({entry.Name})"));
                return;
            }

            var operation = _runner.Inbox.Replayed(entry);
            if (operation is null && !_pending.Remove(entry.OperationId, out operation))
            {
                _runner.Lifecycle.Halt(Diverged(entry.OperationId,
                    $"the journal records the outcome of '{entry.OperationId}' ({entry.Name}) next, but the code did not schedule it; waiting: [{string.Join(", ", _pending.Keys)}]"));
                return;
            }
            try
            {
                operation.Deliver(entry);
            }
            catch (Exception ex)
            {
                _runner.Lifecycle.Halt(ex);
                return;
            }
            _scheduler.RunQueued();
            while (!Conditions.IsEmpty && Conditions.Evaluate()) _scheduler.RunQueued();
        }
    }

    private NondeterminismException Diverged(string expected, string detail) =>
        new(_runner.InstanceId, expected, null,
            $"Workflow instance '{_runner.InstanceId}' ({_runner.WorkflowName}, execution {_runner.Execution}) no longer matches its journal: {detail}. " +
            "The instance was left as it is: restore the previous sequence of durable calls and restart to resume it.");

    private async Task RunLiveAsync()
    {
        var stop = _runner.StopToken;
        _runner.Inbox.DeliverStored(await _services.Store.LoadInboxAsync(_runner.InstanceId, stop).ConfigureAwait(false));

        while (!Halted && _workflow is not { IsCompleted: true })
        {
            if (_runner.Suspension.Requested is not null) return; // nothing more reaches the code until it resumes
            _runner.Inbox.Settle();
            if (!_work.Reader.TryRead(out var item))
            {
                // The code has settled only when nothing is queued for it: an outcome journaled but not yet delivered
                // (written here under the journal's lock when recorded) would let it schedule newer waits. Only then
                // may waits that lost a race be served.
                _runner.Inbox.ServeWaits();
                if (!_work.Reader.TryRead(out item))
                {
                    Volatile.Write(ref _waitsOnTime, WaitsOnlyOnTime());
                    var read = _work.Reader.ReadAsync(stop).AsTask();
                    if (await LetGoWhileIdleAsync(read).ConfigureAwait(false)) return;
                    item = await read.ConfigureAwait(false);
                    Volatile.Write(ref _waitsOnTime, false);
                }
            }
            if (item is WorkItem.Query query)
            {
                Answer(query);
                continue;
            }
            if (item is not WorkItem.Delivery delivery)
            {
                _scheduler.Drain(Context);
                Conditions.Settle(_scheduler, Context);
                continue;
            }
            try
            {
                // A stopping engine does not wait for writes it will not deliver; they resume from the journal.
                await delivery.Durable.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _runner.Lifecycle.Halt(ex);
                return;
            }
            _pending.Remove(delivery.Operation.Key.Id);
            _scheduler.RunAndDrain(() => delivery.Operation.Deliver(delivery.Entry), Context);
            Conditions.Settle(_scheduler, Context);
        }
    }

    /// <summary>The run is over: queries it did not answer are cancelled, so they are answered from the journal.</summary>
    private void AbandonQueries()
    {
        Close();
        while (_work.Reader.TryRead(out var item))
        {
            if (item is WorkItem.Query query) query.Answer.TrySetCanceled();
        }
    }
}
