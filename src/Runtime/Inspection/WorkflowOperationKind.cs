namespace Workflows;

/// <summary>What an operation in an instance's history is.</summary>
public enum WorkflowOperationKind
{
    /// <summary>A <c>[Step]</c> call.</summary>
    Step,

    /// <summary>A durable timer (<see cref="Workflow.DelayAsync(TimeSpan, CancellationToken)"/> and friends).</summary>
    Timer,

    /// <summary>A wait for an external event; <see cref="WorkflowOperation.Name"/> is the event's name.</summary>
    EventWait,

    /// <summary>A child workflow; <see cref="WorkflowOperation.ChildInstanceId"/> names the child instance.</summary>
    ChildWorkflow,

    /// <summary>A fan-out (<c>MapAsync</c>, <c>ParallelAsync</c>); its operations are its items.</summary>
    FanOut,

    /// <summary>One item of a fan-out.</summary>
    FanOutItem,

    /// <summary>A named scope, or an update handler's run.</summary>
    Scope,

    /// <summary>A durable value: a clock reading, a GUID, a random number, an execution's recorded input.</summary>
    Value,

    /// <summary>A signal delivered to the instance.</summary>
    Signal,

    /// <summary>An update accepted by the instance.</summary>
    Update,

    /// <summary>An event the instance sent to another instance.</summary>
    Send,

    /// <summary>A cancellation request delivered to the instance.</summary>
    CancelRequest,
}
