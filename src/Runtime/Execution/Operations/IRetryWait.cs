namespace Workflows.Execution;

/// <summary>An operation that may be waiting out a retry's backoff: it waits only for time then.</summary>
internal interface IRetryWait
{
    /// <summary>Whether it waits for its next attempt's time, running nothing.</summary>
    bool IsWaitingToRetry { get; }
}
