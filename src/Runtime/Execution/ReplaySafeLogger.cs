using Microsoft.Extensions.Logging;

namespace Workflows.Execution;

/// <summary>A logger for workflow code that stays silent while the instance replays, so each message is logged once.</summary>
internal sealed class ReplaySafeLogger(ILogger inner, WorkflowContext context) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!context.IsReplaying) inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
