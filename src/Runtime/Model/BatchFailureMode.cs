namespace Workflows;

/// <summary>What a fan-out does when an item fails.</summary>
public enum BatchFailureMode
{
    /// <summary>The first failure beyond the tolerance cancels the items still running or waiting: each stops at its next durable call.</summary>
    FailFast,

    /// <summary>Every item runs; each failure is recorded with its item.</summary>
    Collect,
}
