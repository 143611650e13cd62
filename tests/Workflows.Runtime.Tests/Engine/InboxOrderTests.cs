using Workflows.Runtime.Tests.Support;
using Workflows.Storage.InMemory;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>Messages are taken in the order they were sent, also when one arrives while a run is still loading the stored ones.</summary>
public sealed class InboxOrderTests
{
    private sealed class Collected
    {
        public List<string> Items { get; } = [];
    }

    [Test]
    public async Task A_signal_sent_while_a_woken_run_loads_the_stored_ones_is_taken_after_them()
    {
        var store = new HeldInboxStore(new InMemoryCheckpointStore());
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false, EvictSuspendedAfter = TimeSpan.FromMilliseconds(20) }.UseStore(store, ownsStore: true);
        options.Workflows.Add(WorkflowDefinition.Create<Collected, int, string>("Collect", _ => new Collected(), async (state, _) =>
            {
                await Workflow.WaitConditionAsync(() => state.Items.Count >= 2, TimeSpan.FromDays(1));
                return string.Join(",", state.Items);
            },
            signals: [WorkflowSignal.Create<Collected>("Add", (state, args) => state.Items.Add((string)args[0]!), typeof(string))]));
        await using var engine = WorkflowEngine.Create(options);
        await engine.Client.StartAsync<int, string>("Collect", 0, new() { InstanceId = "c-1" });
        await Task.Delay(300); // waits on its timeout's timer only: it leaves memory

        store.Hold();
        await engine.Client.SignalAsync("c-1", "Add", ["ann"]);   // stored; wakes the instance, whose run waits on the inbox read
        await store.HeldRead.Task.Within();
        await engine.Client.SignalAsync("c-1", "Add", ["bob"]);   // sent while that read is held
        store.Release();

        Assert.That(await engine.Client.GetResultAsync<string>("c-1").Within(), Is.EqualTo("ann,bob"));
    }
}
