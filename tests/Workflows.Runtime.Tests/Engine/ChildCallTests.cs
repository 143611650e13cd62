using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
public sealed class ChildCallTests(StoreKind kind) : EngineTestBase(kind)
{
    [Test]
    public async Task A_child_call_journals_its_operations_under_its_own_operation_id_and_replays_them()
    {
        var counters = new Counters();
        var gate = new Gate();
        async Task<int> Invoice(int amount) =>
            await Workflow.RunStepAsync("Charge", null, _ => { counters.Hit("Charge"); return Task.FromResult(amount * 2); });
        void Register(WorkflowRegistry r) => r.Add<int, int>("Parent", async amount =>
        {
            var first = await Workflow.RunChildWorkflowAsync("Invoice", () => Invoice(amount));
            var second = await Workflow.RunChildWorkflowAsync("Invoice", () => Invoice(amount + 1));
            await Workflow.RunStepAsync("Charge", null, async token => { await gate.WaitAsync(token); return 0; });
            return first + second;
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, int>("Parent", 10, new() { InstanceId = "p-1" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<int>("p-1").GetResultAsync().Within(), Is.EqualTo(42));
        Assert.That((await Harness.JournalAsync("p-1")).Select(e => e.OperationId),
            Is.EquivalentTo(new[] { "/Charge#1", "/Invoice#1/Charge#1", "/Invoice#2/Charge#1" }));
        Assert.That(counters["Charge"], Is.EqualTo(2), "the children's steps replayed from the journal");
    }

    [Test]
    public async Task Outside_a_workflow_a_child_call_simply_runs()
    {
        Assert.That(await Workflow.RunChildWorkflowAsync("Invoice", () => Task.FromResult(7)), Is.EqualTo(7));
        Assert.That(Workflow.IsInWorkflow, Is.False);
    }
}
