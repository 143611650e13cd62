using Workflows.CrashTests.Workload;

namespace Workflows.CrashTests;

/// <summary>The process the harness kills: opens the store, starts what is missing, and waits for every instance.</summary>
public static class Worker
{
    /// <summary>Lease timings of the shared-store workers: short, so a killed worker's instances move on quickly.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);

    /// <summary>A worker on its own LiteDB file.</summary>
    public static Task<int> RunAsync(string database, string ledgerPath) =>
        RunAsync(ledgerPath, options => options.UseLiteDb(database));

    /// <summary>One of several workers on a PostgreSQL schema.</summary>
    public static Task<int> RunSharedAsync(string connectionString, string schema, string ledgerPath) =>
        RunAsync(ledgerPath, options => options.UsePostgreSql(connectionString, o =>
        {
            o.Schema = schema;
            o.LeaseDuration = LeaseDuration;
            o.HeartbeatInterval = LeaseDuration / 4;
            o.PollInterval = TimeSpan.FromMilliseconds(200);
        }));

    private static async Task<int> RunAsync(string ledgerPath, Action<WorkflowEngineOptions> useStore)
    {
        using var ledger = new Ledger(ledgerPath);
        var options = new WorkflowEngineOptions { Services = new SingleService(new CrashWorkload(ledger)) };
        useStore(options);
        await using var engine = WorkflowEngine.Create(options);
        await engine.Ready;
        await WorkloadPlan.StartAsync(engine.Client);
        Console.WriteLine(Harness.WorkerProcess.ReadyLine);
        await WorkloadPlan.SendNotesAsync(engine.Client);
        await WorkloadPlan.ResetOnceAsync(engine.Client);
        foreach (var id in WorkloadPlan.TopLevelInstances)
        {
            var info = await engine.Client.WaitForCompletionAsync(id);
            if (info.Status != WorkflowStatus.Completed)
            {
                await Console.Error.WriteLineAsync($"{id} ended {info.Status}: {info.Error?.Message}");
                return 3;
            }
        }
        Console.WriteLine("DONE");
        return 0;
    }

    private sealed class SingleService(CrashWorkload workload) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(CrashWorkload) ? workload : serviceType == typeof(Ledger) ? workload.Ledger : null;
    }
}
