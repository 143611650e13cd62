using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class ContinueAsNewTests(StoreKind kind) : EngineTestBase(kind)
{
    [Test]
    public async Task Each_execution_starts_with_a_fresh_journal_and_keeps_the_previous_one_and_unconsumed_events()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Counter", async round =>
        {
            var value = await Workflow.RunStepAsync("Tick", null, _ => Task.FromResult(round * 10));
            if (round == 2) await Workflow.RunStepAsync("Hold", null, async token => { await gate.WaitAsync(token); return 0; });
            if (round < 3) throw Workflow.ContinueAsNew(round + 1);
            var note = await Workflow.WaitForEventAsync<string>("note");
            return $"execution {Workflow.Execution}: {value} {note}";
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Counter", 1, new() { InstanceId = "c-1" });
        await Harness.Client.RaiseEventAsync("c-1", "note", "kept");
        await gate.Entered.Within();
        Assert.That((await Harness.Client.GetStatusAsync("c-1")).Status, Is.EqualTo(WorkflowStatus.Running));
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("c-1").GetResultAsync().Within(), Is.EqualTo("execution 3: 30 kept"),
            "the event raised during execution 1 was carried into execution 3, and a restart in execution 2 resumed it");
        for (var execution = 1; execution <= 3; execution++)
        {
            var journal = await Harness.Store.LoadJournalAsync("c-1", execution);
            Assert.That(journal.Single(e => e.Name == "Tick").Result, Is.EqualTo((execution * 10).ToString()), $"execution {execution} kept its own journal");
        }
        Assert.That((await Harness.Store.GetInstanceAsync("c-1"))!.Execution, Is.EqualTo(3));
    }

    [Test]
    public async Task Previous_executions_journals_can_be_dropped_when_they_are_not_wanted()
    {
        var options = new WorkflowEngineOptions { KeepContinuedExecutions = false };
        await using var engine = WorkflowEngine.Create(options.UseInMemory());
        options.Workflows.Add<int, int>("Short", async round =>
        {
            await Workflow.RunStepAsync("Tick", null, _ => Task.FromResult(round));
            if (round < 3) throw Workflow.ContinueAsNew(round + 1);
            return round;
        });

        Assert.That(await engine.Client.RunAsync<int, int>("Short", 1, new() { InstanceId = "short" }).Within(), Is.EqualTo(3));
        Assert.That(await engine.Store.LoadJournalAsync("short", 1), Is.Empty);
        Assert.That(await engine.Store.LoadJournalAsync("short", 2), Is.Empty);
        Assert.That(await engine.Store.LoadJournalAsync("short", 3), Has.Count.EqualTo(1), "the last execution's journal stays");
    }

    [Test]
    public async Task A_continue_as_new_input_of_the_wrong_shape_fails_the_instance_clearly()
    {
        Harness.Open(r => r.Add<int, string>("WrongInput", async _ =>
        {
            await Task.Yield();
            throw Workflow.ContinueAsNew(new Unserializable());
        }));

        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => Harness.Client.RunAsync<int, string>("WrongInput", 0).Within());
        Assert.That(error!.Message, Does.Contain("input of execution 2"));
    }

    [Test]
    public void ContinueAsNew_outside_a_workflow_says_where_it_belongs()
    {
        Assert.Throws<InvalidOperationException>(() => Workflow.ContinueAsNew(1));
    }

    private sealed class Unserializable
    {
        public Unserializable Self => this;
    }
}
