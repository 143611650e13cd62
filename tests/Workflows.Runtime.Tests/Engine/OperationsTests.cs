using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>Running an engine in production: purging, retention, concurrency limits and a graceful stop.</summary>
[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class OperationsTests(StoreKind kind) : EngineTestBase(kind)
{
    private static void Echo(WorkflowRegistry r) =>
        r.Add<int, int>("Echo", async n => await Workflow.RunStepAsync("Double", null, _ => Task.FromResult(n * 2)));

    [Test]
    public async Task Purge_deletes_finished_instances_with_their_journals_and_keeps_running_ones()
    {
        var gate = new Gate();
        Harness.Open(r =>
        {
            Echo(r);
            r.Add<int, int>("Hold", async _ => await Workflow.RunStepAsync("Wait", null, async t => { await gate.WaitAsync(t); return 0; }));
        });
        await Harness.Client.RunAsync<int, int>("Echo", 1, new() { InstanceId = "done-1" });
        await Harness.Client.RunAsync<int, int>("Echo", 2, new() { InstanceId = "done-2" });
        await Harness.Client.StartAsync<int, int>("Hold", 0, new() { InstanceId = "running" });

        Assert.That(await Harness.Client.PurgeAsync(TimeSpan.FromDays(1)), Is.Zero, "nothing is older than a day");
        Assert.That(await Harness.Client.PurgeAsync(TimeSpan.Zero, WorkflowStatus.Failed), Is.Zero, "none failed");
        Assert.That(await Harness.Client.PurgeAsync(TimeSpan.Zero), Is.EqualTo(2));

        Assert.That(await Harness.Store.GetInstanceAsync("done-1"), Is.Null);
        Assert.That(await Harness.Store.LoadJournalAsync("done-1", 1), Is.Empty);
        Assert.That((await Harness.Client.ListInstancesAsync()).Select(i => i.InstanceId), Is.EqualTo(new[] { "running" }));
        Assert.Throws<ArgumentException>(() => Harness.Client.PurgeAsync(TimeSpan.Zero, WorkflowStatus.Running).GetAwaiter().GetResult());
        gate.Open();
    }

    [Test]
    public async Task The_store_refuses_to_purge_a_running_or_unknown_instance()
    {
        var gate = new Gate();
        Harness.Open(r => r.Add<int, int>("Hold", async _ => await Workflow.RunStepAsync("Wait", null, async t => { await gate.WaitAsync(t); return 0; })));
        await Harness.Client.StartAsync<int, int>("Hold", 0, new() { InstanceId = "busy" });

        var error = await Assert.ThrowsAsync<WorkflowException>(() => Harness.Store.CommitAsync([new PurgeInstance("busy")]));
        Assert.That(error!.Message, Does.Contain("'busy' is Running"));
        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => Harness.Store.CommitAsync([new PurgeInstance("never-existed")]));
        Assert.That(await Harness.Store.GetInstanceAsync("busy"), Is.Not.Null);
        gate.Open();
    }

    [Test]
    public async Task Retention_purges_finished_instances_in_the_background()
    {
        Harness.Open(Echo, o => o.RetainFinishedFor = TimeSpan.FromMilliseconds(200));
        await Harness.Client.RunAsync<int, int>("Echo", 1, new() { InstanceId = "short-lived" });
        await Eventually.TrueAsync(() => Harness.Store.GetInstanceAsync("short-lived").GetAwaiter().GetResult() is null);
    }

    [Test]
    public async Task MaxConcurrentSteps_bounds_the_live_step_attempts_across_instances()
    {
        var running = 0;
        var peak = 0;
        Harness.Open(r => r.Add<int, int>("Wide", async n =>
        {
            var items = await Workflow.MapAsync(Enumerable.Range(0, n), i => Workflow.RunStepAsync("Work", null, async _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                await Task.Delay(20);
                Interlocked.Decrement(ref running);
                return i;
            }));
            return items.Values.Sum();
        }), o => o.MaxConcurrentSteps = 2);

        var a = Harness.Client.RunAsync<int, int>("Wide", 6, new() { InstanceId = "wide-a" });
        var b = Harness.Client.RunAsync<int, int>("Wide", 6, new() { InstanceId = "wide-b" });
        Assert.That(await Task.WhenAll(a, b).Within(), Is.EqualTo(new[] { 15, 15 }));
        Assert.That(peak, Is.InRange(1, 2));
    }

    [Test]
    public async Task MaxConcurrentInstances_queues_started_instances_until_a_slot_frees()
    {
        var first = new Gate();
        var started = new Counters();
        Harness.Open(r => r.Add<string, string>("Slot", async name =>
        {
            started.Hit(name);
            if (name == "first") await Workflow.RunStepAsync("Hold", null, async t => { await first.WaitAsync(t); return 0; });
            return name;
        }), o => o.MaxConcurrentInstances = 1);

        var one = await Harness.Client.StartAsync<string, string>("Slot", "first", new() { InstanceId = "first" });
        await first.Entered.Within();
        var two = await Harness.Client.StartAsync<string, string>("Slot", "second", new() { InstanceId = "second" });
        Assert.That((await two.GetStatusAsync()).Status, Is.EqualTo(WorkflowStatus.Running), "started durably");
        await Task.Delay(100);
        Assert.That(started["second"], Is.Zero, "it waits for the slot");

        first.Open();
        Assert.That(await one.GetResultAsync().Within(), Is.EqualTo("first"));
        Assert.That(await two.GetResultAsync().Within(), Is.EqualTo("second"));
    }

    [Test]
    public async Task A_graceful_stop_lets_the_step_in_flight_finish_and_commits_its_result()
    {
        var gate = new Gate();
        var runs = new Counters();
        void Register(WorkflowRegistry r) => r.Add<int, int>("Drain", async _ =>
        {
            var a = await Workflow.RunStepAsync("Slow", null, async t => { runs.Hit("Slow"); await gate.WaitAsync(t); return 20; });
            var b = await Workflow.RunStepAsync("Next", null, _ => { runs.Hit("Next"); return Task.FromResult(22); });
            return a + b;
        });
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, int>("Drain", 0, new() { InstanceId = "drain" });
        await gate.Entered.Within();

        var stopping = Harness.Engine!.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        await Task.Delay(50);
        Assert.That(stopping.IsCompleted, Is.False, "the stop waits for the attempt in flight");
        gate.Open();
        await stopping.Within();
        Assert.That(runs["Next"], Is.Zero, "no new attempt starts while draining");

        await Harness.RestartAsync(Register);
        Assert.That(await Harness.Client.GetResultAsync<int>("drain").Within(), Is.EqualTo(42));
        Assert.That(runs["Slow"], Is.EqualTo(1), "its result was committed at the stop, so it did not run again");
        Assert.That(runs["Next"], Is.EqualTo(1));
    }

    [Test]
    public async Task A_stop_that_runs_out_of_time_abandons_the_attempt_which_runs_again_on_resume()
    {
        var runs = new Counters();
        var stuck = true;
        void Register(WorkflowRegistry r) => r.Add<int, int>("Stuck", async _ =>
            await Workflow.RunStepAsync("Hang", null, async t =>
            {
                runs.Hit("Hang");
                if (Volatile.Read(ref stuck)) await Task.Delay(Timeout.Infinite, t);
                return 7;
            }));
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, int>("Stuck", 0, new() { InstanceId = "stuck" });
        await Eventually.TrueAsync(() => runs["Hang"] == 1);

        await Harness.Engine!.StopAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(100)).Token).Within();
        Volatile.Write(ref stuck, false);
        await Harness.RestartAsync(Register);
        Assert.That(await Harness.Client.GetResultAsync<int>("stuck").Within(), Is.EqualTo(7));
        Assert.That(runs["Hang"], Is.EqualTo(2));
    }

    [Test]
    public void Invalid_limits_are_rejected_when_the_engine_is_created()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Harness.Open(Echo, o => o.MaxConcurrentSteps = 0));
        Assert.That(error!.Message, Does.Contain("MaxConcurrentSteps"));
        error = Assert.Throws<ArgumentOutOfRangeException>(() => Harness.Open(Echo, o => o.RetainFinishedFor = TimeSpan.Zero));
        Assert.That(error!.Message, Does.Contain("RetainFinishedFor"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
