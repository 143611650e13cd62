using System.Diagnostics;
using Workflows.Diagnostics;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>An instance's child workflow calls: starting or attaching to children, taking their completions, passing a parent's end on.</summary>
internal sealed class ChildCalls(InstanceRunner runner, RuntimeServices services)
{
    private readonly Dictionary<string, PendingChild> _waiting = new(StringComparer.Ordinal);
    // Completions that arrived before their call was scheduled again (after a restart).
    private readonly Dictionary<string, InboxMessage> _arrived = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc cref="IInstanceHost.FindWorkflow"/>
    public WorkflowDefinition? FindWorkflow(string name) => services.Host.FindWorkflow(name);

    /// <summary>
    /// Starts the child of a live call, or attaches to it when it already exists as this call's child (the call was
    /// scheduled again after a restart); a child ID held by anything else fails the call at once.
    /// </summary>
    public void Start(PendingChild child)
    {
        lock (_gate)
        {
            if (runner.Journal.IsClosed) return;
            _waiting[child.Key.Id] = child;
            if (_arrived.Remove(child.Key.Id, out var arrived))
            {
                CompleteLocked(child, arrived);
                return;
            }
        }
        _ = CreateOrAttachAsync(child);
    }

    /// <summary>Takes a child's completion message (from the inbox); one for another execution is discarded.</summary>
    public void TakeCompletion(InboxMessage message)
    {
        // That execution is over, and this one did not start the child.
        if (message.Execution != runner.Execution || message.OperationId is null)
        {
            Log.StaleChildCompletion(runner.Logger, runner.InstanceId, message.MessageId, message.Execution, runner.Execution);
            _ = runner.Journal.Commit([new DeleteInboxMessage(runner.InstanceId, message.MessageId)]);
            return;
        }
        lock (_gate)
        {
            if (_waiting.Remove(message.OperationId, out var child)) CompleteLocked(child, message);
            else _arrived[message.OperationId] = message;
        }
    }

    /// <summary>Passes a cancellation or termination of this instance on to the children it waits for.</summary>
    public void End(bool terminate, string? reason, string? ending = null)
    {
        List<PendingChild> waitingFor;
        lock (_gate) waitingFor = [.. _waiting.Values];
        var why = $"its parent '{runner.InstanceId}' {(ending is null ? "was " + (terminate ? "terminated" : "cancelled") : ending)}{(reason is null ? "" : ": " + reason)}";
        // An abandoned child runs on, but the cancelled parent stops waiting for it.
        if (!terminate)
        {
            foreach (var abandoned in waitingFor.Where(c => c.ParentClosePolicy == ParentClosePolicy.Abandon))
                Fail(abandoned, new WorkflowError(typeof(OperationCanceledException).FullName!, $"The parent stopped waiting for child '{abandoned.ChildInstanceId}': {why}; the child runs on.", null));
        }
        foreach (var child in waitingFor.Where(c => c.ParentClosePolicy == ParentClosePolicy.Propagate).Select(c => c.ChildInstanceId))
        {
            _ = (terminate ? services.Host.TerminateAsync(child, why) : services.Host.CancelAsync(child, why))
                .ContinueWith(t => Log.ChildNotEnded(runner.Logger, t.Exception!, child, runner.InstanceId), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private async Task CreateOrAttachAsync(PendingChild child)
    {
        using var activity = WorkflowDiagnostics.Source.StartActivity($"child {child.Name}", ActivityKind.Internal);
        activity?.SetTag("workflow.instance_id", runner.InstanceId);
        activity?.SetTag("workflow.operation_id", child.Key.Id);
        activity?.SetTag("workflow.child.instance_id", child.ChildInstanceId);
        var stop = runner.StopToken;
        try
        {
            var existing = await services.Store.GetInstanceAsync(child.ChildInstanceId, stop).ConfigureAwait(false);
            if (existing is null)
            {
                var record = child.ChildRecord();
                try
                {
                    await services.Store.CommitAsync([new CreateInstance(record, ReplaceTerminal: false)]).ConfigureAwait(false);
                    Attached(child);
                    WorkflowMetrics.InstanceStarted(record.WorkflowName);
                    services.Host.StartInstance(record);
                    return;
                }
                catch (WorkflowInstanceExistsException)
                {
                    existing = await services.Store.GetInstanceAsync(child.ChildInstanceId, stop).ConfigureAwait(false);
                }
            }
            if (existing is not null && (existing.ParentInstanceId != runner.InstanceId || existing.ParentExecution != runner.Execution || existing.ParentOperationId != child.ParentLink))
            {
                Fail(child, new WorkflowError(typeof(ChildWorkflowException).FullName!,
                    $"Instance '{child.ChildInstanceId}' already exists ({existing.WorkflowName}, {existing.Status}) and is not the child of this call: " +
                    "it was started by another parent or by a client. Pass another explicit child ID, or let the runtime derive one.", null));
                return;
            }
            // It is this call's child: its completion reaches this instance's inbox when it ends.
            Attached(child);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The engine stops; the call attaches to its child when the instance resumes.
        }
        catch (Exception ex)
        {
            Fail(child, WorkflowError.From(ex));
        }
    }

    // The driver looks again whether the instance only waits now, so it can let go of it. A start ends here: the
    // child durably exists as this call's child.
    private void Attached(PendingChild child)
    {
        child.IsAttached = true;
        if (child.EndsOnStart)
        {
            lock (_gate)
            {
                if (!_waiting.Remove(child.Key.Id)) return;
            }
            runner.Journal.RecordOutcome(child, JournalEntryStatus.Completed, null, null, 1);
            return;
        }
        runner.Driver.Wake();
    }

    private void Fail(PendingChild child, WorkflowError error)
    {
        lock (_gate)
        {
            if (!_waiting.Remove(child.Key.Id)) return;
        }
        runner.Journal.RecordOutcome(child, JournalEntryStatus.Failed, null, error, 1);
    }

    private void CompleteLocked(PendingChild child, InboxMessage message)
    {
        _waiting.Remove(child.Key.Id);
        runner.Journal.RecordConsumed(child, JournalEntryKind.Child, message);
    }
}
