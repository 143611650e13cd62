namespace Workflows;

/// <summary>Where an operation in an instance's history stands.</summary>
public enum WorkflowOperationStatus
{
    /// <summary>Started and not finished: a step attempt in flight, a fan-out item running.</summary>
    Running,

    /// <summary>Waiting: a timer or an event wait that is not yet due or delivered.</summary>
    Waiting,

    /// <summary>A step whose last attempt failed and that retries at <see cref="WorkflowOperation.DueAt"/>.</summary>
    Retrying,

    /// <summary>Finished with a result.</summary>
    Completed,

    /// <summary>Finished with <see cref="WorkflowOperation.Error"/>.</summary>
    Failed,

    /// <summary>Cancelled.</summary>
    Canceled,
}
