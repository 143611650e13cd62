namespace Workflows.Generator.Model;

/// <summary>What an intercepted call becomes.</summary>
internal enum CallSiteKind
{
    /// <summary>A [Step] call: a checkpointed, retried step.</summary>
    Step,

    /// <summary>A [Workflow] call from workflow code: a child workflow.</summary>
    Workflow,

    /// <summary>A <c>Task.WhenAny</c> in workflow code: decided by the runtime, which puts the event waits that lose behind newer ones.</summary>
    Race,
}
