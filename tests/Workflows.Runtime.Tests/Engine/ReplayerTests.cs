using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>Offline replay of stored instances against current code: the safe-deploy check.</summary>
[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class ReplayerTests(StoreKind kind) : EngineTestBase(kind)
{
    private readonly Counters _runs = new();

    private Action<WorkflowRegistry> Version(string secondStep, int bonus = 0, Gate? hold = null) => r => r.Add<int, int>("Order", async n =>
    {
        var a = await Workflow.RunStepAsync("Reserve", null, _ => { _runs.Hit("Reserve"); return Task.FromResult(n); });
        var b = await Workflow.RunStepAsync(secondStep, null, _ => { _runs.Hit(secondStep); return Task.FromResult(2); });
        if (hold is not null) await Workflow.RunStepAsync("Hold", null, async t => { _runs.Hit("Hold"); await hold.WaitAsync(t); return 0; });
        return a + b + bonus;
    });

    private static WorkflowEngineOptions With(Action<WorkflowRegistry> register)
    {
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false };
        register(options.Workflows);
        return options;
    }

    [Test]
    public async Task A_running_instance_replays_without_running_anything_and_reports_what_it_would_run_next()
    {
        var hold = new Gate();
        Harness.Open(Version("Charge", hold: hold));
        await Harness.Client.StartAsync<int, int>("Order", 40, new() { InstanceId = "o1" });
        await hold.Entered.Within();
        var before = _runs.Total;

        var result = await WorkflowReplayer.ReplayAsync(Harness.Store, "o1", With(Version("Charge", hold: new Gate())));

        Assert.That(result.IsCompatible, Is.True, result.Incompatibility);
        Assert.That(result.ReplayedOperations, Is.EqualTo(2));
        Assert.That(result.Finished, Is.False);
        Assert.That(result.WaitingOn, Is.EqualTo(new[] { "/Hold#1" }));
        Assert.That(result.ToString(), Does.StartWith("Workflow instance 'o1' (Order, execution 1): compatible; replayed 2 operation(s) in ")
            .And.EndWith("waits on [/Hold#1]"));
        Assert.That(_runs.Total, Is.EqualTo(before), "no step ran during the replay");
        Assert.That((await Harness.Client.GetStatusAsync("o1")).Status, Is.EqualTo(WorkflowStatus.Running), "the stored instance is untouched");
        hold.Open();
    }

    private static void Looping(WorkflowRegistry r, string step) => r.Add<int, int>("Loop", async round =>
    {
        var value = await Workflow.RunStepAsync(step, null, _ => Task.FromResult(round * 10));
        if (round < 3) throw Workflow.ContinueAsNew(round + 1);
        return value;
    });

    [Test]
    public async Task Every_stored_execution_of_a_continued_instance_replays_with_its_own_input()
    {
        Harness.Open(r => Looping(r, "Count"));
        Assert.That(await Harness.Client.RunAsync<int, int>("Loop", 1, new() { InstanceId = "loop-1" }).Within(), Is.EqualTo(30));

        foreach (var execution in new[] { 1, 2, 3 })
        {
            var result = await WorkflowReplayer.ReplayExecutionAsync(Harness.Store, "loop-1", execution, With(r => Looping(r, "Count")));
            Assert.That((result.IsCompatible, result.Execution, result.ReplayedOperations), Is.EqualTo((true, execution, 1)), result.Incompatibility);
        }
        var changed = await WorkflowReplayer.ReplayExecutionAsync(Harness.Store, "loop-1", 1, With(r => Looping(r, "Tally")));
        Assert.That(changed.Incompatibility, Does.Contain("/Count#1"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => WorkflowReplayer.ReplayExecutionAsync(Harness.Store, "loop-1", 4, With(r => Looping(r, "Count"))));
    }

    [Test]
    public async Task An_exported_history_replays_without_its_store_and_reports_a_changed_call()
    {
        Harness.Open(r => Looping(r, "Count"));
        await Harness.Client.RunAsync<int, int>("Loop", 2, new() { InstanceId = "loop-2" }).Within();

        var exported = (await WorkflowHistory.LoadAsync(Harness.Store, "loop-2")).ToJson();
        var history = WorkflowHistory.FromJson(exported);

        Assert.That(history.Executions, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(history.EntriesOf(1).Select(e => (e.OperationId, e.Result)), Is.EquivalentTo(new[] { ("/Count#1", "20"), ("!input", "2") }));
        var latest = await WorkflowReplayer.ReplayHistoryAsync(history, options: With(r => Looping(r, "Count")));
        Assert.That((latest.IsCompatible, latest.Execution, latest.Finished), Is.EqualTo((true, 2, true)), latest.Incompatibility);
        var first = await WorkflowReplayer.ReplayHistoryAsync(history, 1, With(r => Looping(r, "Count")));
        Assert.That(first.IsCompatible, Is.True, first.Incompatibility);
        var changed = await WorkflowReplayer.ReplayHistoryAsync(history, options: With(r => Looping(r, "Tally")));
        Assert.That(changed.IsCompatible, Is.False);
        Assert.That(changed.Incompatibility, Does.Contain("/Count#1"));
    }

    [Test]
    public void A_document_that_is_not_a_history_is_refused_with_what_is_wrong()
    {
        Assert.That(() => WorkflowHistory.FromJson("[]"), Throws.InstanceOf<FormatException>().With.Message.Contains("not a JSON object"));
        Assert.That(() => WorkflowHistory.FromJson("{\"format\":\"other/2\"}"), Throws.InstanceOf<FormatException>().With.Message.Contains("'other/2'").And.Message.Contains("workflows history"));
        Assert.That(() => WorkflowHistory.FromJson("{ not json"), Throws.InstanceOf<FormatException>().With.Message.Contains("Not a readable workflow history"));
    }

    [Test]
    public async Task Changed_calls_are_reported_with_the_operation_that_diverged()
    {
        Harness.Open(Version("Charge"));
        await Harness.Client.RunAsync<int, int>("Order", 40, new() { InstanceId = "o2" });

        var result = await WorkflowReplayer.ReplayAsync(Harness.Store, "o2", With(Version("Bill")));

        Assert.That(result.IsCompatible, Is.False);
        Assert.That(result.Error, Is.InstanceOf<NondeterminismException>());
        Assert.That(result.Incompatibility, Does.Contain("/Charge#1"));
    }

    [Test]
    public async Task A_finished_instance_must_end_the_same_way()
    {
        Harness.Open(Version("Charge"));
        await Harness.Client.RunAsync<int, int>("Order", 40, new() { InstanceId = "o3" });

        var same = await WorkflowReplayer.ReplayAsync(Harness.Store, "o3", With(Version("Charge")));
        Assert.That(same.IsCompatible, Is.True, same.Incompatibility);
        Assert.That(same.Finished, Is.True);

        var different = await WorkflowReplayer.ReplayAsync(Harness.Store, "o3", With(Version("Charge", bonus: 1)));
        Assert.That(different.IsCompatible, Is.False);
        Assert.That(different.Incompatibility, Does.Contain("completed with 42").And.Contain("returns 43"));
    }

    [Test]
    public async Task Unknown_instances_and_workflows_are_clear_errors()
    {
        Harness.Open(Version("Charge"));
        await Harness.Client.RunAsync<int, int>("Order", 1, new() { InstanceId = "o4" });

        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => WorkflowReplayer.ReplayAsync(Harness.Store, "nope", With(Version("Charge"))));
        var missing = await Assert.ThrowsAsync<WorkflowNotRegisteredException>(() => WorkflowReplayer.ReplayAsync(Harness.Store, "o4", With(_ => { })));
        Assert.That(missing!.Message, Does.Contain("Order"));
    }
}
