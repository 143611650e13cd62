using System.Diagnostics;

namespace Workflows.Execution;

/// <summary>
/// Replays the journal against the current code and stops where the recorded history ends, running nothing
/// live: no step, timer, child or wait beyond the journal starts, and nothing is written.
/// </summary>
internal sealed class ReplayOnlyRun(InstanceRunner runner, WorkflowDefinition definition)
{
    /// <param name="atEnd">Looks at the replayed run (its workflow object) before its services are disposed.</param>
    public async Task<WorkflowReplayResult> RunAsync(Action<WorkflowReplayResult>? atEnd = null)
    {
        try
        {
            var result = Replay();
            atEnd?.Invoke(result);
            return result;
        }
        finally
        {
            await runner.Lifecycle.DisposeScopeAsync().ConfigureAwait(false);
        }
    }

    private WorkflowReplayResult Replay()
    {
        var started = Stopwatch.GetTimestamp();
        WorkflowReplayResult Result(string? incompatibility, Exception? error = null) => new()
        {
            InstanceId = runner.InstanceId,
            WorkflowName = runner.WorkflowName,
            Execution = runner.Execution,
            Incompatibility = incompatibility,
            Error = error,
            ReplayedOperations = runner.Journal.Recorded.Deliveries.Count,
            Finished = runner.Driver.Workflow is { IsCompleted: true },
            WaitingOn = [.. runner.Driver.WaitingOn],
            Elapsed = Stopwatch.GetElapsedTime(started),
        };

        if (runner.Lifecycle.Incompatibility() is { } mismatch) return Result(mismatch.Message, mismatch);
        runner.Driver.StartWorkflowCode();
        if (runner.HaltReason is { } unreadable) return Result(unreadable.Message, unreadable);
        runner.Driver.ReplayRecorded();
        if (runner.HaltReason is { } halt) return Result(halt.Message, halt);
        return Result(FinalStateMismatch());
    }

    /// <summary>Why the replayed code does not end the way the finished instance did; null when it does.</summary>
    private string? FinalStateMismatch()
    {
        var task = runner.Driver.Workflow!;
        var instance = runner.Lifecycle.Instance;
        switch (instance.Status)
        {
            case WorkflowStatus.Completed when !task.IsCompleted:
                return $"Workflow instance '{instance.InstanceId}' completed, but the current code does not finish on its journal: it waits for [{string.Join(", ", runner.Driver.WaitingOn)}].";
            case WorkflowStatus.Completed when !task.IsCompletedSuccessfully:
                return $"Workflow instance '{instance.InstanceId}' completed, but the current code fails on its journal: {task.Exception?.InnerException?.Message}";
            case WorkflowStatus.Completed:
                var output = runner.Serializer.Serialize(task.GetAwaiter().GetResult(), definition.OutputType, $"result of workflow instance '{instance.InstanceId}'");
                return output == instance.Output ? null
                    : $"Workflow instance '{instance.InstanceId}' completed with {instance.Output}, but the current code returns {output} from the same journal.";
            case WorkflowStatus.Failed when task.IsCompletedSuccessfully:
                return $"Workflow instance '{instance.InstanceId}' failed ({instance.Error?.Message}), but the current code succeeds on the same journal.";
            default:
                return null;
        }
    }
}
