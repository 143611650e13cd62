using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
// Not on PostgreSQL: there a waiting instance is released to the database instead of this engine's suspended index;
// SharedEngineTests covers eviction, timers, events and termination of released instances.
public sealed class SuspensionTests(StoreKind kind) : EngineTestBase(kind)
{
    private static readonly TimeSpan Quickly = TimeSpan.FromMilliseconds(50);

    [Test]
    public async Task An_instance_waiting_on_a_timer_leaves_memory_and_is_replayed_when_the_timer_is_due()
    {
        var counters = new Counters();
        var engine = Open(r => r.Add<int, string>("Sleeper", async _ =>
        {
            var before = await Workflow.RunStepAsync("Before", null, _ => { counters.Hit("Before"); return Task.FromResult("a"); });
            await Workflow.DelayAsync(TimeSpan.FromMilliseconds(800));
            return before + await Workflow.RunStepAsync("After", null, _ => { counters.Hit("After"); return Task.FromResult("b"); });
        }));
        var handle = await engine.Client.StartAsync<int, string>("Sleeper", 0, new() { InstanceId = "z-1" });

        await Eventually.TrueAsync(() => engine.SuspendedCount == 1);
        Assert.That(engine.TryGetRunner("z-1", out _), Is.False, "no runner holds the sleeping instance");

        Assert.That(await handle.GetResultAsync().Within(), Is.EqualTo("ab"), "a waiter from before the suspension gets the result");
        Assert.That((counters["Before"], counters["After"]), Is.EqualTo((1, 1)), "the replay did not run the recorded step again");
        Assert.That(engine.SuspendedCount, Is.Zero);
    }

    [Test]
    public async Task An_instance_waiting_for_an_event_is_woken_by_the_event()
    {
        var engine = Open(r => r.Add<int, string>("Listener", async _ => await Workflow.WaitForEventAsync<string>("ping")));
        var handle = await engine.Client.StartAsync<int, string>("Listener", 0, new() { InstanceId = "z-2" });
        await Eventually.TrueAsync(() => engine.SuspendedCount == 1);

        await engine.Client.RaiseEventAsync("z-2", "ping", "pong");

        Assert.That(await handle.GetResultAsync().Within(), Is.EqualTo("pong"));
    }

    [Test]
    public async Task A_suspended_instance_can_be_cancelled_and_terminated()
    {
        var engine = Open(r => r.Add<int, string>("Idle", async _ =>
        {
            await Workflow.DelayAsync(TimeSpan.FromHours(1));
            return "never";
        }));
        var cancelled = await engine.Client.StartAsync<int, string>("Idle", 0, new() { InstanceId = "z-3" });
        var terminated = await engine.Client.StartAsync<int, string>("Idle", 0, new() { InstanceId = "z-4" });
        await Eventually.TrueAsync(() => engine.SuspendedCount == 2);

        await cancelled.CancelAsync("wake up to cancel");
        await terminated.TerminateAsync("no need to wake");

        await Assert.ThrowsAsync<WorkflowCanceledException>(() => cancelled.GetResultAsync().Within());
        await Assert.ThrowsAsync<WorkflowTerminatedException>(() => terminated.GetResultAsync().Within());
        Assert.That(engine.SuspendedCount, Is.Zero);
    }

    [Test]
    public async Task A_parent_suspended_on_its_child_is_woken_by_the_childs_completion()
    {
        var engine = Open(r =>
        {
            r.Add<int, string>("Child", async _ => await Workflow.WaitForEventAsync<string>("done"));
            r.Add<int, string>("Parent", async _ => "child said " + await Workflow.RunChildWorkflowAsync<int, string>("Child", 0));
        });
        var parent = await engine.Client.StartAsync<int, string>("Parent", 0, new() { InstanceId = "z-5" });
        await Eventually.TrueAsync(() => engine.SuspendedCount == 2);

        await engine.Client.RaiseEventAsync("z-5::sub::1:/Child#1", "done", "hi");

        Assert.That(await parent.GetResultAsync().Within(), Is.EqualTo("child said hi"));
    }

    private WorkflowEngine Open(Action<WorkflowRegistry> register) => Harness.Open(register, options => options.EvictSuspendedAfter = Quickly);
}
