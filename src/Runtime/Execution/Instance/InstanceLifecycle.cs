using Microsoft.Extensions.DependencyInjection;
using Workflows.Diagnostics;
using Workflows.Storage;
using Workflows.Versioning;

namespace Workflows.Execution;

/// <summary>
/// How one run of an instance begins and ends: the manifest check and the start of its workflow code; its end as
/// finished, continued as new, halted, terminated or abandoned; and the one result its waiters see.
/// </summary>
internal sealed class InstanceLifecycle(InstanceRunner runner, RuntimeServices services, WorkflowDefinition definition, InstanceRecord instance)
{
    private readonly TaskCompletionSource<InstanceRecord> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(services.Stopping);
    private Exception? _halt;
    private string? _customStatus;
    private bool _customStatusSet;
    private AsyncServiceScope? _runScope;

    public InstanceRecord Instance { get; private set; } = instance;

    /// <summary>The object the workflow code runs on, once started; what queries read.</summary>
    public object? WorkflowObject { get; private set; }

    public CancellationToken StopToken => _stop.Token;

    public bool IsStopping => _stop.IsCancellationRequested;

    /// <summary>Whether an end decided outside the code (a passed deadline) is being written; it settles the result.</summary>
    public bool EndingFromOutside { get; set; }

    /// <summary>The terminal record, or the reason the instance cannot go on in this process.</summary>
    public Task<InstanceRecord> Completion => _result.Task;

    /// <summary>Why the instance stopped without finishing (a nondeterminism, a store failure), if it did.</summary>
    public Exception? HaltReason => Volatile.Read(ref _halt);

    /// <summary>
    /// Checks, before any replay, that the code still makes the durable calls the journal was recorded with; a
    /// compatible change (calls appended after the recorded history) becomes the instance's manifest.
    /// </summary>
    public async Task<bool> AdoptCurrentManifestAsync()
    {
        if (definition.Manifest is not { } current || current.Text == Instance.Manifest) return true;
        if (Incompatibility() is { } mismatch)
        {
            Halt(mismatch);
            return false;
        }
        var adopted = Instance with { Manifest = current.Text, UpdatedAt = DateTime.UtcNow };
        if (runner.Journal.Commit([new UpdateInstance(adopted, WorkflowStatus.Running)]) is not { } durable) return false;
        await durable.ConfigureAwait(false);
        Instance = adopted;
        return true;
    }

    /// <summary>Why the recorded journal does not fit the current code's manifest; null when it fits.</summary>
    public WorkflowVersionMismatchException? Incompatibility()
    {
        if (definition.Manifest is not { } current || Instance.Manifest is not { } stored || stored == current.Text || runner.Journal.Recorded.All.Count == 0) return null;
        return ManifestCompatibility.FirstIncompatibility(WorkflowManifest.Parse(stored), current, runner.Journal.Recorded.All) is { } mismatch
            ? new WorkflowVersionMismatchException(Instance.InstanceId, definition.Name, mismatch.Recorded, mismatch.Current, mismatch.Hint)
            : null;
    }

    /// <summary>
    /// Takes the custom status the workflow code set; with <paramref name="write"/> (live code) stores it, grouped
    /// with the instance's other writes. Replay only remembers it: the store holds it already, or
    /// <see cref="PublishCustomStatus"/> writes it once replay ends.
    /// </summary>
    public void SetCustomStatus(string? json, bool write)
    {
        _customStatus = json;
        _customStatusSet = true;
        if (write) PublishCustomStatus();
    }

    /// <summary>Stores the last custom status set, unless the store has it already.</summary>
    public void PublishCustomStatus()
    {
        if (!_customStatusSet || _customStatus == Instance.CustomStatus) return;
        Instance = Instance with { CustomStatus = _customStatus, UpdatedAt = DateTime.UtcNow };
        if (runner.Journal.Commit([new UpdateInstance(Instance, WorkflowStatus.Running)]) is not { } durable) return;
        _ = durable.ContinueWith(t =>
        {
            // Ended elsewhere first (terminated): the status no longer matters. A failing store stops the run.
            if (t.Exception!.InnerException is { } ex && (ex is not WorkflowException || ex is CheckpointStoreException)) Halt(ex);
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>The call that starts the workflow code (run it on the instance's scheduler); null when the stored input no longer reads (the instance is halted).</summary>
    public Func<Task<object?>>? PrepareInvocation()
    {
        object? input;
        try
        {
            input = services.Serializer.Deserialize(Instance.Input, definition.InputType, $"input of workflow instance '{Instance.InstanceId}'");
        }
        catch (PayloadException ex)
        {
            // The input was accepted when the instance started, so the code's input type changed since: keep the
            // instance as it is rather than failing it, so it resumes once the type reads the stored input again.
            Halt(new WorkflowException(
                $"The stored input of workflow instance '{Instance.InstanceId}' ({definition.Name}) does not read as {definition.InputType.FullName} any more: {ex.Message} " +
                "The instance was left as it is: restore an input type that reads the stored JSON, and it resumes.", ex));
            return null;
        }
        var provider = services.Services;
        if (provider?.GetService(typeof(IServiceScopeFactory)) is IServiceScopeFactory scopes)
        {
            // One DI scope per run: the workflow object and its scoped dependencies live as long as this run.
            _runScope = scopes.CreateAsyncScope();
            provider = _runScope.Value.ServiceProvider;
        }
        return () =>
        {
            WorkflowObject = definition.CreateWorkflowObject(provider);
            return definition.InvokeAsync(WorkflowObject, input);
        };
    }

    /// <summary>Records how the workflow code ended, continues the instance as new, or hands the end to its parent.</summary>
    public async Task FinishAsync(Task<object?> workflow)
    {
        var record = Ended(workflow);
        // Built once: the message handed to the parent here is the one stored, with the same arrival time.
        var toParent = ChildCompletion.MessageFor(record);
        List<StoreMutation> mutations = [new UpdateInstance(record, WorkflowStatus.Running)];
        if (toParent is not null) mutations.Add(new PutInboxMessage(toParent));
        if (record.Execution > Instance.Execution)
            mutations.Add(services.KeepContinuedExecutions ? new PutJournalEntry(ExecutionInputs.Entry(Instance, record.UpdatedAt)) : new DeleteJournal(Instance.InstanceId, Instance.Execution));
        if (runner.Journal.CommitAndClose(mutations) is not { } durable) return;
        try
        {
            await durable.ConfigureAwait(false);
        }
        catch (WorkflowException ex) when (ex is not CheckpointStoreException)
        {
            // Terminated while finishing: the termination stands.
            Log.FinishedAfterTermination(runner.Logger, ex, Instance.InstanceId);
            if (await services.Store.GetInstanceAsync(Instance.InstanceId).ConfigureAwait(false) is { } stored) _result.TrySetResult(stored);
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
            Log.ContinuedAsNew(runner.Logger, Instance.InstanceId, record.Execution);
            try
            {
                services.Host.StartInstance(record);
            }
            catch (ObjectDisposedException)
            {
                // The engine is stopping: the next execution starts when the store is opened again.
            }
        }
        else
        {
            Log.InstanceEnded(runner.Logger, Instance.InstanceId, record.Status);
            WorkflowMetrics.InstanceEnded(definition.Name, record.Status);
            if (toParent is not null) services.Host.Deliver(toParent);
        }
        _result.TrySetResult(record);
        _stop.Cancel();
    }

    private InstanceRecord Ended(Task<object?> workflow)
    {
        var now = runner.UtcNow;
        var record = Instance with { UpdatedAt = now, CompletedAt = now };
        var canceled = runner.Context.CancellationRequested;
        if (workflow.Exception?.InnerException is ContinueAsNewException next && !canceled) return NextExecution(next, now);
        if (workflow.IsCompletedSuccessfully)
        {
            try
            {
                return record with { Status = WorkflowStatus.Completed, Output = services.Serializer.Serialize(workflow.GetAwaiter().GetResult(), definition.OutputType, $"result of workflow instance '{Instance.InstanceId}'") };
            }
            catch (PayloadException ex)
            {
                return record with { Status = WorkflowStatus.Failed, Error = WorkflowError.From(ex) };
            }
        }
        var exception = workflow.Exception?.InnerException ?? new OperationCanceledException();
        return exception is OperationCanceledException && canceled
            ? record with { Status = WorkflowStatus.Canceled, StatusReason = runner.Context.CancellationReason }
            : record with { Status = WorkflowStatus.Failed, Error = WorkflowError.From(exception) };
    }

    /// <summary>Execution + 1 with the new input; the journal of this one stays, and unconsumed events stay in the inbox.</summary>
    private InstanceRecord NextExecution(ContinueAsNewException next, DateTime now)
    {
        var execution = Instance.Execution + 1;
        try
        {
            return Instance with
            {
                Execution = execution,
                RunDeadline = now + Instance.RunTimeout,
                Input = services.Serializer.Serialize(next.Input, definition.InputType, $"input of execution {execution} of workflow instance '{Instance.InstanceId}'"),
                Manifest = definition.Manifest?.Text ?? Instance.Manifest,
                UpdatedAt = now,
            };
        }
        catch (PayloadException ex)
        {
            return Instance with { Status = WorkflowStatus.Failed, Error = WorkflowError.From(ex), UpdatedAt = now, CompletedAt = now };
        }
    }

    /// <summary>Stops the instance here: nothing more is written or delivered, and waiters see <paramref name="reason"/>.</summary>
    public void Halt(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _halt, reason, null) is not null) return;
        runner.Journal.Close();
        Log.InstanceHalted(runner.Logger, reason, Instance.InstanceId);
        _result.TrySetException(reason);
        runner.Driver.Close();
        _stop.Cancel();
    }

    /// <summary>
    /// Stops the instance after it was terminated (or, with <paramref name="ending"/>, ended another way from outside
    /// its code, such as a timeout); the caller already recorded the terminal status.
    /// </summary>
    public void Terminated(InstanceRecord record, string? ending = null)
    {
        runner.Children.End(terminate: true, record.StatusReason, ending);
        runner.Journal.Close();
        _result.TrySetResult(record);
        runner.Driver.Close();
        _stop.Cancel();
    }

    /// <summary>Stops the instance because the engine stops; it resumes when the store is opened again.</summary>
    public void Abandon()
    {
        runner.Journal.Close();
        _result.TrySetException(new WorkflowException(
            $"The engine stopped before workflow instance '{Instance.InstanceId}' finished. It resumes where it stopped when an engine opens the store again."));
        runner.Driver.Close();
    }

    /// <summary>
    /// Winds the run down because the instance was suspended (the caller recorded it): step attempts in flight finish
    /// and record their outcomes, no new one starts; waiters see the suspended record and follow the instance to its
    /// next run.
    /// </summary>
    public void Suspended(InstanceRecord record)
    {
        if (runner.Suspension.Request(record)) return;
        runner.Journal.Close();
        _ = LetGoSuspendedAsync(record);
    }

    /// <summary>
    /// Lets go of the suspended instance once the run wound down; one resumed meanwhile runs again at once, and the
    /// waiters of this run, which see the suspended record, find that next run.
    /// </summary>
    public async Task LetGoSuspendedAsync(InstanceRecord record)
    {
        runner.Driver.Close();
        _stop.Cancel();
        try
        {
            await services.Host.WoundDownAsync(runner).ConfigureAwait(false);
        }
        finally
        {
            _result.TrySetResult(record);
        }
    }

    /// <summary>Lets go of the instance that only waits: its waiters follow it to its next runner.</summary>
    public void LetGo(DateTime? wakeAt)
    {
        runner.Driver.Close();
        _stop.Cancel();
        services.Host.Suspend(runner, wakeAt);
        _result.TrySetResult(Instance); // still Running
    }

    /// <summary>Ends what the run holds after its driver stopped: an unsettled result is abandoned, the DI scope disposed.</summary>
    public async Task ReleaseAsync()
    {
        // A deadline that is writing the end (it closed the journal first) settles the result itself.
        if (!_result.Task.IsCompleted && !EndingFromOutside) Abandon();
        if (_runScope is { } runScope) await runScope.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Disposes the run's DI scope (a replay-only run, which settles no result).</summary>
    public ValueTask DisposeScopeAsync() => _runScope is { } runScope ? runScope.DisposeAsync() : ValueTask.CompletedTask;
}
