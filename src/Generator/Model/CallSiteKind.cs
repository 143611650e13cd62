namespace Workflows.Generator.Model;

/// <summary>What an intercepted call becomes.</summary>
internal enum CallSiteKind
{
    /// <summary>A [Step] call: a checkpointed, retried step.</summary>
    Step,

    /// <summary>A [Workflow] call from workflow code: a child workflow.</summary>
    Workflow,
}
