using System.ComponentModel;
using Workflows.Execution;

namespace Workflows;

public static partial class Workflow
{
    /// <summary>
    /// <see cref="Task.WhenAny(Task[])"/> as workflow code runs it: generated code calls this for every
    /// <c>Task.WhenAny</c> written in workflow code. When event waits take part, none of them takes an event once another
    /// entrant's outcome is journaled, and once the race is decided each losing wait keeps waiting behind every wait that
    /// lost no race, so the wait of a loop's next round takes the event that the previous round's wait would have taken.
    /// Outside workflow code it is <see cref="Task.WhenAny(Task[])"/>.
    /// </summary>
    /// <param name="tasks">The tasks that race.</param>
    /// <returns>The first task to complete.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Task<Task> WhenAny(params Task[] tasks) => Race(Task.WhenAny(tasks), tasks);

    /// <inheritdoc cref="WhenAny(Task[])"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Task<Task<TResult>> WhenAny<TResult>(params Task<TResult>[] tasks) => Race(Task.WhenAny(tasks), tasks);

    private static Task<TTask> Race<TTask>(Task<TTask> decided, Task[] entrants)
        where TTask : Task =>
        WorkflowContext.Current is { } context ? context.Race(decided, entrants) : decided;
}
