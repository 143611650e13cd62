namespace Workflows;

/// <summary>A failure recorded as data: it survives restarts and is rethrown the same way on replay.</summary>
/// <param name="Type">The full name of the exception type.</param>
/// <param name="Message">The exception message.</param>
/// <param name="StackTrace">The stack trace where the exception was thrown, if any.</param>
public sealed record WorkflowError(string Type, string Message, string? StackTrace)
{
    /// <summary>Records <paramref name="exception"/>, unwrapping a single-exception <see cref="AggregateException"/>.</summary>
    public static WorkflowError From(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];
        return new WorkflowError(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace);
    }

    /// <summary>Whether the error records a cancellation.</summary>
    public bool IsCancellation => Type is "System.OperationCanceledException" or "System.Threading.Tasks.TaskCanceledException";

    /// <inheritdoc />
    public override string ToString() => $"{Type}: {Message}";
}
