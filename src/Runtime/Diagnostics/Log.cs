using Microsoft.Extensions.Logging;

namespace Workflows.Diagnostics;

/// <summary>The runtime's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Workflow instance {InstanceId} stopped without finishing")]
    public static partial void InstanceHalted(ILogger logger, Exception reason, string instanceId);

    [LoggerMessage(2, LogLevel.Information, "Workflow instance {InstanceId} finished after it was terminated; the result was discarded")]
    public static partial void FinishedAfterTermination(ILogger logger, Exception reason, string instanceId);

    [LoggerMessage(3, LogLevel.Information, "Workflow instance {InstanceId} ended {Status}")]
    public static partial void InstanceEnded(ILogger logger, string instanceId, WorkflowStatus status);

    [LoggerMessage(4, LogLevel.Warning, "Step {OperationId} of workflow instance {InstanceId} failed for good on attempt {Attempt}")]
    public static partial void StepFailed(ILogger logger, Exception exception, string operationId, string instanceId, int attempt);

    [LoggerMessage(5, LogLevel.Information, "Step {OperationId} of workflow instance {InstanceId} failed on attempt {Attempt}; retrying at {RetryAt:O}")]
    public static partial void StepRetrying(ILogger logger, Exception exception, string operationId, string instanceId, int attempt, DateTime retryAt);

    [LoggerMessage(6, LogLevel.Information, "Resuming {Count} unfinished workflow instance(s)")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(7, LogLevel.Error, "Workflow instance {InstanceId} cannot resume")]
    public static partial void CannotResume(ILogger logger, Exception reason, string instanceId);

    [LoggerMessage(8, LogLevel.Information, "Workflow instance {InstanceId} continued as new: execution {Execution} starts")]
    public static partial void ContinuedAsNew(ILogger logger, string instanceId, int execution);

    [LoggerMessage(9, LogLevel.Warning, "Workflow instance {InstanceId} discarded child completion {MessageId}: it was addressed to execution {AddressedTo}, the instance runs execution {Execution}")]
    public static partial void StaleChildCompletion(ILogger logger, string instanceId, string messageId, int addressedTo, int execution);

    [LoggerMessage(11, LogLevel.Debug, "Workflow instance {InstanceId} only waits: its runner let go of it until {WakeAt:O} or a message for it")]
    public static partial void Suspended(ILogger logger, string instanceId, DateTime? wakeAt);

    [LoggerMessage(10, LogLevel.Warning, "Could not pass the end of workflow instance {ParentInstanceId} on to its child {ChildInstanceId}")]
    public static partial void ChildNotEnded(ILogger logger, Exception exception, string childInstanceId, string parentInstanceId);

    [LoggerMessage(12, LogLevel.Information, "Purged {Count} finished workflow instance(s) older than {Retention}")]
    public static partial void Purged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(13, LogLevel.Warning, "Purging finished workflow instances failed; the next round tries again")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "Workflow instance {InstanceId} stopped because the store could not write; it resumes from its journal at {RetryAt:O}")]
    public static partial void RetryingAfterWriteFailure(ILogger logger, Exception reason, string instanceId, DateTime retryAt);

    [LoggerMessage(15, LogLevel.Warning, "Worker {WorkerId} could not claim workflow instances; the next round tries again")]
    public static partial void ClaimFailed(ILogger logger, Exception exception, string workerId);

    [LoggerMessage(16, LogLevel.Warning, "Could not release workflow instance {InstanceId}; another worker resumes it when its lease runs out")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(17, LogLevel.Debug, "Worker {WorkerId} claimed {Count} workflow instance(s)")]
    public static partial void Claimed(ILogger logger, int count, string workerId);

    [LoggerMessage(18, LogLevel.Warning, "Worker {WorkerId} lost the lease of workflow instance {InstanceId} and stopped running it")]
    public static partial void LeaseLost(ILogger logger, string instanceId, string workerId);

    [LoggerMessage(19, LogLevel.Warning, "Could not deliver the new messages of workflow instance {InstanceId}; it reads them when it resumes")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(20, LogLevel.Warning, "Schedule {ScheduleId} was created through WorkflowSchedules, not by a [Schedule] attribute of workflow {Workflow}: it is left as it is; delete it to let the attribute declare it")]
    public static partial void DeclaredScheduleTaken(ILogger logger, string scheduleId, string workflow);

    [LoggerMessage(21, LogLevel.Information, "Schedule {ScheduleId} of workflow {Workflow} changed with its [Schedule] attribute")]
    public static partial void DeclaredScheduleChanged(ILogger logger, string scheduleId, string workflow);

    [LoggerMessage(22, LogLevel.Information, "Schedule {ScheduleId} of workflow {Workflow} was deleted: no [Schedule] attribute declares it anymore")]
    public static partial void DeclaredScheduleRemoved(ILogger logger, string scheduleId, string workflow);

    [LoggerMessage(23, LogLevel.Error, "Workflow instance {InstanceId} was suspended: it was recovered {Count} times in a row without progress (MaxRecoveryAttempts)")]
    public static partial void RecoveriesExhausted(ILogger logger, string instanceId, int count);
}
