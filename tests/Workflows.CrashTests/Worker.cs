using Workflows.CrashTests.Workload;

namespace Workflows.CrashTests;

/// <summary>The process the harness kills: opens the store, starts what is missing, and waits for every instance.</summary>
public static class Worker
{
    public static async Task<int> RunAsync(string database, string ledgerPath)
    {
        using var ledger = new Ledger(ledgerPath);
        var services = new SingleService(new CrashWorkload(ledger));
        await using var engine = WorkflowEngine.Open(database, o => o.Services = services);
        await engine.Ready;
        await WorkloadPlan.StartAsync(engine.Client);
        Console.WriteLine(Harness.WorkerProcess.ReadyLine);
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
        public object? GetService(Type serviceType) => serviceType == typeof(CrashWorkload) ? workload : null;
    }
}
