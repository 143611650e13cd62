using System.Diagnostics;
using Workflows.Diagnostics;
using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// A durable timer: its due time is recorded when it is first scheduled and read back on replay, so after a restart
/// it waits only for what remains. While it waits it holds a timer-queue entry, no thread.
/// </summary>
internal sealed class PendingTimer(InstanceRunner runner, OperationKey key, TimeSpan delay, CancellationToken cancellationToken)
    : PendingOperation(key, WorkflowContext.TimerName)
{
    private readonly TaskCompletionSource _outcome = new();

    public Task Task => _outcome.Task;

    public override Task Awaited => Task;

    /// <summary>When the timer fires, once started.</summary>
    public DateTime? Due { get; private set; }

    public override void Deliver(JournalEntry entry)
    {
        if (entry.Status == JournalEntryStatus.Completed)
        {
            _outcome.SetResult();
            return;
        }
        var error = entry.Error ?? new WorkflowError("Unknown", "The timer failed without a recorded error.", null);
        _outcome.SetException(new OperationCanceledException($"Timer '{Key.Id}' of workflow instance '{runner.InstanceId}' was cancelled: {error.Message}"));
    }

    public override void Start(JournalEntry? recorded)
    {
        var due = recorded?.NextAttemptAt ?? runner.UtcNow + delay;
        Due = due;
        // Decided on the workflow's scheduler, like a step's token: a timer set after the cancellation was delivered
        // belongs to the workflow's cleanup and runs to its end.
        var workflowCanceled = runner.Context.CancellationRequested ? CancellationToken.None : runner.Context.StepCancellationToken;
        _ = WaitAsync(due, recorded is null, workflowCanceled);
    }

    private async Task WaitAsync(DateTime due, bool firstTime, CancellationToken workflowCanceled)
    {
        if (firstTime && !await runner.Journal.RecordDueAsync(this, due).ConfigureAwait(false)) return;
        using var canceled = CancellationTokenSource.CreateLinkedTokenSource(workflowCanceled, cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(canceled.Token, runner.StopToken);
        using var activity = WorkflowDiagnostics.Source.StartActivity($"timer {Key.Id}", ActivityKind.Internal);
        activity?.SetTag("workflow.instance_id", runner.InstanceId);
        activity?.SetTag("workflow.operation_id", Key.Id);
        activity?.SetTag("workflow.timer.due", due.ToString("O"));
        try
        {
            var remaining = due - runner.UtcNow;
            if (remaining > TimeSpan.Zero) await System.Threading.Tasks.Task.Delay(remaining, runner.Time, linked.Token).ConfigureAwait(false);
            runner.Journal.RecordOutcome(this, JournalEntryStatus.Completed, null, null, 1, due);
        }
        catch (OperationCanceledException) when (runner.StopToken.IsCancellationRequested)
        {
            // The engine stops: the timer resumes with its recorded due time when the instance does.
        }
        catch (OperationCanceledException ex)
        {
            runner.Journal.RecordOutcome(this, JournalEntryStatus.Failed, null, WorkflowError.From(ex), 1, due);
        }
    }
}
