namespace Workflows.Execution;

/// <summary>
/// Marks the thread while a query handler runs, so a durable call it makes fails instead of running outside the
/// journal: a query only reads.
/// </summary>
internal static class QueryScope
{
    [ThreadStatic]
    private static string? t_instanceId;

    public static object? Run(string instanceId, Func<object?> read)
    {
        var previous = t_instanceId;
        t_instanceId = instanceId;
        try
        {
            return read();
        }
        finally
        {
            t_instanceId = previous;
        }
    }

    /// <exception cref="InvalidOperationException">A query handler made the durable call <paramref name="what"/>.</exception>
    public static void ThrowIfInQuery(string what)
    {
        if (t_instanceId is not { } instanceId) return;
        throw new InvalidOperationException(
            $"{what} was called by a query of workflow instance '{instanceId}'. A query only reads the workflow's state: it cannot make durable calls. " +
            "Move the call into the workflow method (or an update), and let the query return what the workflow stored in its fields.");
    }
}
