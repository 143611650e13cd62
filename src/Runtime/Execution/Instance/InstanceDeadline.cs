using Workflows.Diagnostics;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// An instance's timeouts: ends it <see cref="WorkflowStatus.TimedOut"/> when its execution deadline (across
/// continue-as-new) or its run deadline passes while it runs here, and tells the engine when to wake it for that
/// while it waits out of memory. Its children follow their parent-close policy, its parent hears of the end.
/// </summary>
internal sealed class InstanceDeadline(InstanceRunner runner, RuntimeServices services)
{
    private InstanceRecord Instance => runner.Lifecycle.Instance;

    /// <summary>When the instance times out (its execution or its run), if it has a timeout.</summary>
    public DateTime? At => (Instance.ExecutionDeadline, Instance.RunDeadline) switch
    {
        ({ } execution, { } run) => execution < run ? execution : run,
        var (execution, run) => execution ?? run,
    };

    /// <summary>Ends the instance TimedOut once its deadline passes, unless it ends (or stops here) first.</summary>
    public void Watch()
    {
        if (At is { } deadline) _ = TimeOutAtAsync(deadline);
    }

    private async Task TimeOutAtAsync(DateTime deadline)
    {
        try
        {
            var remaining = deadline - runner.UtcNow;
            if (remaining > TimeSpan.Zero) await Task.Delay(remaining, runner.Time, runner.StopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // Ended first, or stopped here: the deadline is watched again when the instance resumes.
        }
        var which = Instance.ExecutionDeadline == deadline
            ? $"its execution timeout passed at {deadline:O}"
            : $"the run timeout of execution {Instance.Execution} ({Instance.RunTimeout}) passed at {deadline:O}";
        var now = runner.UtcNow;
        var record = Instance with { Status = WorkflowStatus.TimedOut, StatusReason = which, UpdatedAt = now, CompletedAt = now };
        var toParent = ChildCompletion.MessageFor(record);
        List<StoreMutation> mutations = [new UpdateInstance(record, WorkflowStatus.Running)];
        if (toParent is not null) mutations.Add(new PutInboxMessage(toParent));
        runner.Lifecycle.EndingFromOutside = true;
        if (runner.Journal.CommitAndClose(mutations) is not { } durable)
        {
            runner.Lifecycle.EndingFromOutside = false;
            return;
        }
        try
        {
            await durable.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Ended another way first (it finished, or was terminated): that end stands. A failing store stops the run.
            if (ex is not WorkflowException || ex is CheckpointStoreException) runner.Halt(ex);
            else runner.Lifecycle.Abandon();
            return;
        }
        Log.InstanceEnded(runner.Logger, record.InstanceId, record.Status);
        WorkflowMetrics.InstanceEnded(runner.WorkflowName, record.Status);
        runner.Lifecycle.Terminated(record, "timed out");
        if (toParent is not null) services.Host.Deliver(toParent);
    }
}
