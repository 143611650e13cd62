namespace Workflows.CrashTests.Workload;

/// <summary>Which instances the workload starts, and what the worker raises to them.</summary>
public static class WorkloadPlan
{
    public const int Orders = 6;
    public const int Loops = 3;
    public const int Bonus = 5;

    public static IEnumerable<string> TopLevelInstances =>
        Enumerable.Range(1, Orders).Select(i => $"order-{i}").Concat(Enumerable.Range(1, Loops).Select(i => $"loop-{i}"));

    /// <summary>Starts every instance not started yet, and raises the bonus event to orders still running.</summary>
    public static async Task StartAsync(IWorkflowClient client)
    {
        for (var i = 1; i <= Orders; i++) await StartOnceAsync(() => client.StartOrderAsync(i, instanceId: $"order-{i}"));
        for (var i = 1; i <= Loops; i++) await StartOnceAsync(() => client.StartLoopAsync(new LoopState(i, 0, 0), instanceId: $"loop-{i}"));
        for (var i = 1; i <= Orders; i++)
        {
            // Raised at every worker start: a repeat is buffered and never consumed, which changes no result.
            try { await client.RaiseEventAsync($"order-{i}", "bonus", Bonus); }
            catch (WorkflowException) { /* already finished */ }
        }
    }

    private static async Task StartOnceAsync<T>(Func<Task<T>> start)
    {
        try { await start(); }
        catch (WorkflowInstanceExistsException) { /* started by an earlier worker */ }
    }
}
