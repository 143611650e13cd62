using System.Collections.Concurrent;

namespace Workflows.PostgreSql.Tests;

/// <summary>The database goes away mid-run and comes back: nothing durable is lost and the instance finishes.</summary>
public sealed class DatabaseOutageTests
{
    /// <param name="outageMs">Shorter than the 2 s lease (the worker keeps it, but dropped the failed run), and longer.</param>
    [TestCase(1000)]
    [TestCase(3000)]
    public async Task An_instance_survives_a_database_outage_and_no_durable_step_runs_again(int outageMs)
    {
        await using var cluster = PrivateCluster.Start();
        var ran = new ConcurrentQueue<int>();
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false }.UsePostgreSql(cluster.ConnectionString, o =>
        {
            o.LeaseDuration = TimeSpan.FromSeconds(2);
            o.PollInterval = TimeSpan.FromMilliseconds(200);
        });
        options.Workflows.Add<int, int>("Counting", async steps =>
        {
            var total = 0;
            for (var i = 0; i < steps; i++)
            {
                var n = i;
                total += await Workflow.RunStepAsync("Count", null, async token => { ran.Enqueue(n); await Task.Delay(20, token); return 1; });
            }
            return total;
        });
        await using var engine = WorkflowEngine.Create(options);
        var handle = await engine.Client.StartAsync<int, int>("Counting", 150, new() { InstanceId = "counting" });
        while (ran.Count < 20) await Task.Delay(10);

        var durable = (await engine.Store.LoadJournalAsync("counting", 1)).Count(e => e.Status == Storage.JournalEntryStatus.Completed);
        cluster.Pause();
        await Task.Delay(outageMs);
        cluster.Resume();

        Assert.That(await handle.GetResultAsync().WaitAsync(TimeSpan.FromSeconds(90)), Is.EqualTo(150));
        var runs = ran.GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(Enumerable.Range(0, durable).Where(n => runs[n] > 1), Is.Empty, "a step durable before the outage ran again");
        Assert.That(runs.Keys.Order(), Is.EqualTo(Enumerable.Range(0, 150)));
    }
}
