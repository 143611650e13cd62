namespace Workflows.CrashTests.Workload;

/// <summary>Which instances the workload starts, and what the worker raises to them.</summary>
public static class WorkloadPlan
{
    public const int Orders = 6;
    public const int Loops = 3;
    public const int Bonus = 5;
    public const string Collector = "collector";
    public const int Notes = 3;
    /// <summary>The loop reset once it ended, to the operation its last execution runs again.</summary>
    public const string ResetLoop = "loop-1";
    public const string ResetTo = "/Add#2";

    public static IEnumerable<string> TopLevelInstances =>
        Enumerable.Range(1, Orders).Select(i => $"order-{i}").Concat(Enumerable.Range(1, Loops).Select(i => $"loop-{i}")).Append(Collector);

    /// <summary>
    /// Resets <see cref="ResetLoop"/> once it ended, unless an earlier worker did: its last execution runs again from
    /// <see cref="ResetTo"/> and must end with the same result.
    /// </summary>
    public static async Task ResetOnceAsync(IWorkflowClient client)
    {
        var ended = await client.WaitForCompletionAsync(ResetLoop);
        if (ended.Execution != CrashWorkload.LoopRounds) return;
        try
        {
            await client.ResetAsync(ResetLoop, ResetTo, "crash harness: run the last round again");
        }
        catch (Exception ex) when (ex is WorkflowException or InvalidOperationException)
        {
            // Workers sharing a store race to reset it: the one that lost finds it reset (running, or ended again).
            var now = await client.GetStatusAsync(ResetLoop);
            if (now.Execution == CrashWorkload.LoopRounds && now.Status != WorkflowStatus.Running) throw;
        }
    }

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
