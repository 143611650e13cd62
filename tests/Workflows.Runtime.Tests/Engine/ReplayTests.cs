using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class ReplayTests(StoreKind kind) : EngineTestBase(kind)
{

    [Test]
    public async Task Replay_returns_recorded_results_without_running_completed_steps()
    {
        var counters = new Counters();
        var gate = new Gate();
        var replayedReads = new List<bool>();
        void Register(WorkflowRegistry r) => r.Add<string, string>("Order", async item =>
        {
            var reserved = await Workflow.RunStepAsync("Reserve", null, _ => { counters.Hit("Reserve"); return Task.FromResult($"hold:{item}"); });
            replayedReads.Add(Workflow.IsReplaying);
            var charged = await Workflow.RunStepAsync("Charge", null, _ => { counters.Hit("Charge"); return Task.FromResult(42); });
            await Workflow.RunStepAsync("Ship", null, async token => { counters.Hit("Ship"); await gate.WaitAsync(token); });
            return $"{reserved} {charged}";
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<string, string>("Order", "book", new() { InstanceId = "order-1" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();
        var result = await Harness.Client.GetHandle<string>("order-1").GetResultAsync().Within();

        Assert.That(result, Is.EqualTo("hold:book 42"));
        Assert.That(counters["Reserve"], Is.EqualTo(1));
        Assert.That(counters["Charge"], Is.EqualTo(1));
        Assert.That(counters["Ship"], Is.EqualTo(2));
        Assert.That(replayedReads, Is.EqualTo(new[] { false, true }), "workflow code saw IsReplaying only while re-executing history");
        Assert.That((await Harness.Client.GetStatusAsync("order-1")).Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public async Task A_changed_call_sequence_is_detected_with_both_operations_named_and_the_instance_resumes_after_the_fix()
    {
        var gate = new Gate();
        void Original(WorkflowRegistry r) => r.Add<int, string>("Versioned", async _ =>
        {
            var a = await Workflow.RunStepAsync("Reserve", null, _ => Task.FromResult("r"));
            await Workflow.RunStepAsync("Wait", null, async token => { await gate.WaitAsync(token); return 0; });
            return a + "-done";
        });
        void Changed(WorkflowRegistry r) => r.Add<int, string>("Versioned", async _ =>
        {
            var a = await Workflow.RunStepAsync("Audit", null, _ => Task.FromResult("x"));
            return a;
        });

        Harness.Open(Original);
        await Harness.Client.StartAsync<int, string>("Versioned", 0, new() { InstanceId = "v-1" });
        await gate.Entered.Within();

        await Harness.RestartAsync(Changed);
        var error = await Assert.ThrowsAsync<NondeterminismException>(() => Harness.Client.GetHandle<string>("v-1").GetResultAsync().Within());
        Assert.That(error!.ExpectedOperationId, Is.EqualTo("/Reserve#1"));
        Assert.That(error.ActualOperationId, Is.EqualTo("/Audit#1"));
        Assert.That(error.Message, Does.Contain("v-1").And.Contain("'/Reserve#1'").And.Contain("'/Audit#1'"));
        var status = await Harness.Client.GetStatusAsync("v-1");
        Assert.That(status.Status, Is.EqualTo(WorkflowStatus.Running), "the instance is left intact");
        Assert.That(status.StalledReason, Does.Contain("/Audit#1"));
        Assert.That((await Harness.JournalAsync("v-1")).Select(e => e.OperationId), Is.EqualTo(new[] { "/Reserve#1" }), "nothing of the changed code was written");

        await Harness.RestartAsync(Original);
        gate.Open();
        Assert.That(await Harness.Client.GetHandle<string>("v-1").GetResultAsync().Within(), Is.EqualTo("r-done"));
    }

    [Test]
    public async Task A_removed_operation_is_detected_when_its_recorded_outcome_is_next()
    {
        var gate = new Gate();
        void Original(WorkflowRegistry r) => r.Add<int, int>("Shrinking", async _ =>
        {
            var a = await Workflow.RunStepAsync("A", null, _ => Task.FromResult(1));
            var b = await Workflow.RunStepAsync("B", null, _ => Task.FromResult(2));
            await Workflow.RunStepAsync("Wait", null, async token => { await gate.WaitAsync(token); return 0; });
            return a + b;
        });
        void Changed(WorkflowRegistry r) => r.Add<int, int>("Shrinking", async _ =>
        {
            var tasks = new[] { Workflow.RunStepAsync("A", null, _ => Task.FromResult(1)) };
            return (await Task.WhenAll(tasks)).Sum() + await Task.FromResult(0);
        });

        Harness.Open(Original);
        await Harness.Client.StartAsync<int, int>("Shrinking", 0, new() { InstanceId = "shrink" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Changed);

        var error = await Assert.ThrowsAsync<NondeterminismException>(() => Harness.Client.GetHandle<int>("shrink").GetResultAsync().Within());
        Assert.That(error!.Message, Does.Contain("/B#1"));
    }

    [Test]
    public async Task WhenAll_and_WhenAny_over_steps_replay_the_outcome_they_had_live()
    {
        var slow = new Gate();
        var last = new Gate();
        var counters = new Counters();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Race", async _ =>
        {
            var all = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
                Workflow.RunStepAsync("Square", null, async _ => { counters.Hit("Square"); await Task.Delay(5 * (5 - i)); return i * i; })));
            var fast = Workflow.RunStepAsync("Fast", null, _ => Task.FromResult("fast"));
            var slowTask = Workflow.RunStepAsync("Slow", null, async token => { await slow.WaitAsync(token); return "slow"; });
            var winner = await Task.WhenAny(fast, slowTask);
            await Workflow.RunStepAsync("Last", null, async token => { await last.WaitAsync(token); return 0; });
            return $"{string.Join(",", all)} {await winner}";
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Race", 0, new() { InstanceId = "race" });
        await last.Entered.Within();
        await Harness.RestartAsync(Register);
        slow.Open();
        last.Open();
        var result = await Harness.Client.GetHandle<string>("race").GetResultAsync().Within();

        Assert.That(result, Is.EqualTo("1,4,9,16,25 fast"));
        Assert.That(counters["Square"], Is.EqualTo(5), "completed fan-out steps were replayed, not re-run");
        var journal = await Harness.JournalAsync("race");
        Assert.That(journal.Where(e => e.Name == "Square").Select(e => e.CompletionIndex).Distinct().Count(), Is.EqualTo(5));
    }
}
