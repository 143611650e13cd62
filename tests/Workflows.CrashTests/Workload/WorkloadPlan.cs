namespace Workflows.CrashTests.Workload;

/// <summary>Which instances the workload starts, and what the worker raises to them.</summary>
public static class WorkloadPlan
{
    public const int Orders = 6;
    public const int Loops = 3;
    public const int Bonus = 5;
    public const string Collector = "collector";
    public const int Notes = 3;

    public static IEnumerable<string> TopLevelInstances =>
        Enumerable.Range(1, Orders).Select(i => $"order-{i}").Concat(Enumerable.Range(1, Loops).Select(i => $"loop-{i}")).Append(Collector);

    /// <summary>
    /// Starts every instance not started yet, or attaches to it. An order starts with its bonus event in the same
    /// commit (signal-with-start); a later worker's start attaches and delivers one more, which is buffered and never
    /// consumed, so it changes no result; to a finished order it cannot be delivered.
    /// </summary>
    public static async Task StartAsync(IWorkflowClient client)
    {
        var attach = new StartWorkflowOptions { IdReusePolicy = WorkflowIdReusePolicy.UseExisting };
        await client.StartCollectAsync(Orders, instanceId: Collector, options: attach);
        for (var i = 1; i <= Orders; i++)
        {
            try { await client.StartOrderAsync(i, instanceId: $"order-{i}", options: attach with { Event = new WorkflowEvent("bonus", Bonus) }); }
            catch (WorkflowException ex) when (ex.Message.Contains("already ended", StringComparison.Ordinal)) { /* finished: nothing to deliver */ }
        }
        for (var i = 1; i <= Loops; i++) await client.StartLoopAsync(new LoopState(i, 0, 0), instanceId: $"loop-{i}", options: attach);
    }

    /// <summary>
    /// Sends the collector its notes as updates with fixed IDs: a worker started again after a kill sends them
    /// again and gets the one recorded result of each.
    /// </summary>
    public static async Task SendNotesAsync(IWorkflowClient client)
    {
        for (var i = 1; i <= Notes; i++) await client.UpdateNoteAsync(Collector, i, updateId: $"note-{i}");
    }
}
