namespace Workflows.Execution;

/// <summary>A step's attempt budget, for counting an attempt that a stopped process left unfinished.</summary>
internal interface IStepAttempts
{
    /// <summary>The step's durable name.</summary>
    string Name { get; }

    /// <summary>How many attempts the step may make.</summary>
    int MaxAttempts { get; }
}
