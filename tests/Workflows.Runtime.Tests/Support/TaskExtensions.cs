namespace Workflows.Runtime.Tests.Support;

public static class TaskExtensions
{
    // A guard against hangs, not a performance assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Patience);

    public static Task Within(this Task task) => task.WaitAsync(Patience);
}
