using Workflows.Versioning;

namespace Workflows.Execution;

internal sealed partial class InstanceRunner
{
    /// <summary>
    /// Replays the journal against the current code and stops where the recorded history ends, running nothing
    /// live: no step, timer, child or wait beyond the journal starts, and nothing is written.
    /// </summary>
    public async Task<WorkflowReplayResult> ReplayOnlyAsync()
    {
        try
        {
            return ReplayRecordedHistory();
        }
        finally
        {
            if (_runScope is { } runScope) await runScope.DisposeAsync().ConfigureAwait(false);
        }
    }

    private WorkflowReplayResult ReplayRecordedHistory()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        WorkflowReplayResult Result(string? incompatibility, Exception? error = null) => new()
        {
            InstanceId = InstanceId,
            WorkflowName = WorkflowName,
            Execution = Execution,
            Incompatibility = incompatibility,
            Error = error,
            ReplayedOperations = _journal.Deliveries.Count,
            Finished = _workflowTask is { IsCompleted: true },
            WaitingOn = [.. _deferred.Select(d => d.Operation.Key.Id).Concat(_pending.Keys).Distinct()],
            Elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started),
        };

        if (_definition.Manifest is { } current && _instance.Manifest is { } stored && stored != current.Text && _journal.All.Count > 0
            && ManifestCompatibility.FirstIncompatibility(WorkflowManifest.Parse(stored), current, _journal.All) is { } mismatch)
        {
            var error = new WorkflowVersionMismatchException(InstanceId, WorkflowName, mismatch.Recorded, mismatch.Current);
            return Result(error.Message, error);
        }

        StartWorkflowCode();
        if (_halt is { } unreadable) return Result(unreadable.Message, unreadable);
        ReplayRecorded();
        if (_halt is { } halt) return Result(halt.Message, halt);
        return Result(FinalStateMismatch());
    }

    /// <summary>Why the replayed code does not end the way the finished instance did; null when it does.</summary>
    private string? FinalStateMismatch()
    {
        var task = _workflowTask!;
        switch (_instance.Status)
        {
            case WorkflowStatus.Completed when !task.IsCompleted:
                return $"Workflow instance '{InstanceId}' completed, but the current code does not finish on its journal: it waits for [{string.Join(", ", _deferred.Select(d => d.Operation.Key.Id).Concat(_pending.Keys).Distinct())}].";
            case WorkflowStatus.Completed when !task.IsCompletedSuccessfully:
                return $"Workflow instance '{InstanceId}' completed, but the current code fails on its journal: {task.Exception?.InnerException?.Message}";
            case WorkflowStatus.Completed:
                var output = Serializer.Serialize(task.Result, _definition.OutputType, $"result of workflow instance '{InstanceId}'");
                return output == _instance.Output ? null
                    : $"Workflow instance '{InstanceId}' completed with {_instance.Output}, but the current code returns {output} from the same journal.";
            case WorkflowStatus.Failed when task.IsCompletedSuccessfully:
                return $"Workflow instance '{InstanceId}' failed ({_instance.Error?.Message}), but the current code succeeds on the same journal.";
            default:
                return null;
        }
    }
}
