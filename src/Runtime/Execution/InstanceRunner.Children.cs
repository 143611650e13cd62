using System.Diagnostics;
using Workflows.Diagnostics;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>Child workflow calls: starting or attaching to children, taking their completions, passing a parent's end on.</summary>
internal sealed partial class InstanceRunner
{
    /// <inheritdoc cref="IInstanceHost.FindWorkflow"/>
    public WorkflowDefinition? FindWorkflow(string name) => _services.Host.FindWorkflow(name);

    /// <summary>
    /// Starts the child of a live call, or attaches to it when it already exists as this call's child (the call was
    /// scheduled again after a restart); a child ID held by anything else fails the call at once.
    /// </summary>
    public void StartChild(PendingChild child)
    {
        lock (_gate)
        {
            if (_stopped) return;
            _children[child.Key.Id] = child;
            if (_childResults.Remove(child.Key.Id, out var arrived))
            {
                CompleteChildLocked(child, arrived);
                return;
            }
        }
        _ = CreateOrAttachAsync(child);
    }

    private async Task CreateOrAttachAsync(PendingChild child)
    {
        using var activity = WorkflowDiagnostics.Source.StartActivity($"child {child.Name}", ActivityKind.Internal);
        activity?.SetTag("workflow.instance_id", InstanceId);
        activity?.SetTag("workflow.operation_id", child.Key.Id);
        activity?.SetTag("workflow.child.instance_id", child.ChildInstanceId);
        try
        {
            var existing = await _services.Store.GetInstanceAsync(child.ChildInstanceId, _stop.Token).ConfigureAwait(false);
            if (existing is null)
            {
                var record = child.ChildRecord();
                try
                {
                    await _services.Store.CommitAsync([new CreateInstance(record, ReplaceTerminal: false)]).ConfigureAwait(false);
                    Attached(child);
                    WorkflowMetrics.InstanceStarted(record.WorkflowName);
                    _services.Host.StartInstance(record);
                    return;
                }
                catch (WorkflowInstanceExistsException)
                {
                    existing = await _services.Store.GetInstanceAsync(child.ChildInstanceId, _stop.Token).ConfigureAwait(false);
                }
            }
            if (existing is not null && (existing.ParentInstanceId != InstanceId || existing.ParentExecution != Execution || existing.ParentOperationId != child.Key.Id))
            {
                FailChild(child, new WorkflowError(typeof(ChildWorkflowException).FullName!,
                    $"Instance '{child.ChildInstanceId}' already exists ({existing.WorkflowName}, {existing.Status}) and is not the child of this call: " +
                    "it was started by another parent or by a client. Pass another explicit child ID, or let the runtime derive one.", null));
                return;
            }
            // It is this call's child: its completion reaches this instance's inbox when it ends.
            Attached(child);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The engine stops; the call attaches to its child when the instance resumes.
        }
        catch (Exception ex)
        {
            FailChild(child, WorkflowError.From(ex));
        }
    }

    // The driver looks again whether the instance only waits now, so it can let go of it.
    private void Attached(PendingChild child)
    {
        child.IsAttached = true;
        _work.Writer.TryWrite(WorkItem.Wake.Instance);
    }

    private void FailChild(PendingChild child, WorkflowError error)
    {
        lock (_gate)
        {
            if (!_children.Remove(child.Key.Id)) return;
        }
        Complete(child, JournalEntryStatus.Failed, null, error, 1);
    }

    // A completion for another execution is discarded: that execution is over, and this one did not start the child.
    private void TakeChildCompletionLocked(InboxMessage message)
    {
        if (message.Execution != Execution || message.OperationId is null)
        {
            Log.StaleChildCompletion(Logger, InstanceId, message.MessageId, message.Execution, Execution);
            _ = CommitLocked([new DeleteInboxMessage(InstanceId, message.MessageId)]);
            return;
        }
        if (_children.Remove(message.OperationId, out var child)) CompleteChildLocked(child, message);
        else _childResults[message.OperationId] = message;
    }

    private void CompleteChildLocked(PendingChild child, InboxMessage message)
    {
        _children.Remove(child.Key.Id);
        var entry = Entry(child, message.Error is null ? JournalEntryStatus.Completed : JournalEntryStatus.Failed, JournalEntryKind.Child) with
        {
            CompletionIndex = ++_lastCompletionIndex,
            Result = message.Payload,
            Error = message.Error,
            Attempts = 1,
        };
        _work.Writer.TryWrite(new WorkItem.Delivery(child, entry,
            CommitLocked([PutLocked(entry), new DeleteInboxMessage(InstanceId, message.MessageId)])));
    }

    /// <summary>Passes a cancellation or termination of this instance on to the children it waits for.</summary>
    public void EndChildren(bool terminate, string? reason)
    {
        List<PendingChild> waitingFor;
        lock (_gate) waitingFor = [.. _children.Values];
        var why = $"its parent '{InstanceId}' was {(terminate ? "terminated" : "cancelled")}{(reason is null ? "" : ": " + reason)}";
        // An abandoned child runs on, but the cancelled parent stops waiting for it.
        if (!terminate)
        {
            foreach (var abandoned in waitingFor.Where(c => c.ParentClosePolicy == ParentClosePolicy.Abandon))
                FailChild(abandoned, new WorkflowError(typeof(OperationCanceledException).FullName!, $"The parent stopped waiting for child '{abandoned.ChildInstanceId}': {why}; the child runs on.", null));
        }
        var children = waitingFor.Where(c => c.ParentClosePolicy == ParentClosePolicy.Propagate).Select(c => c.ChildInstanceId);
        foreach (var child in children)
        {
            _ = (terminate ? _services.Host.TerminateAsync(child, why) : _services.Host.CancelAsync(child, why))
                .ContinueWith(t => Log.ChildNotEnded(Logger, t.Exception!, child, InstanceId), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
