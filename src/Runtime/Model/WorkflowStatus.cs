namespace Workflows;

/// <summary>Where a workflow instance stands.</summary>
public enum WorkflowStatus
{
    /// <summary>Started and not finished; it resumes after a restart.</summary>
    Running,
    /// <summary>Returned a result.</summary>
    Completed,
    /// <summary>Threw an exception.</summary>
    Failed,
    /// <summary>Gave up after a cancellation request.</summary>
    Canceled,
    /// <summary>Stopped by a termination request.</summary>
    Terminated,
    /// <summary>Ran past its execution or run timeout (<see cref="StartWorkflowOptions.ExecutionTimeout"/>, <see cref="StartWorkflowOptions.RunTimeout"/>).</summary>
    TimedOut,
    /// <summary>Paused by <see cref="IWorkflowClient.SuspendAsync"/> until <see cref="IWorkflowClient.ResumeAsync"/>; not finished.</summary>
    Suspended,
}

/// <summary>Helpers for <see cref="WorkflowStatus"/>.</summary>
public static class WorkflowStatusExtensions
{
    /// <summary>Whether an instance in this status will never run again.</summary>
    public static bool IsTerminal(this WorkflowStatus status) => status is not (WorkflowStatus.Running or WorkflowStatus.Suspended);
}
