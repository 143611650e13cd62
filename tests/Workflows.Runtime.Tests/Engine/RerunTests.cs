using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>Reset, fork and retry of an instance with a fan-out and a child workflow, on every store.</summary>
[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class RerunTests(StoreKind kind) : EngineTestBase(kind)
{
    private Counters _runs = null!;
    private volatile bool _chargeFails;

    [SetUp]
    public void Reset()
    {
        _runs = new Counters();
        _chargeFails = false;
    }

    private void Register(WorkflowRegistry r)
    {
        r.Add<int, int>("Label", async parcels => await Workflow.RunStepAsync("Print", null, _ => { _runs.Hit("Print"); return Task.FromResult(parcels * 100); }));
        r.Add<int, string>("Order", async count =>
        {
            var reserved = await Workflow.RunStepAsync("Reserve", null, _ => { _runs.Hit("Reserve"); return Task.FromResult(count); });
            var packed = await Workflow.MapAsync(Enumerable.Range(1, reserved), item =>
                Workflow.RunStepAsync("Pack", null, _ => { _runs.Hit("Pack"); return Task.FromResult(item); }));
            var label = await Workflow.RunChildWorkflowAsync<int, int>("Label", packed.Values.Sum());
            var charged = await Workflow.RunStepAsync("Charge", new StepOptions { MaxAttempts = 1 }, _ =>
            {
                _runs.Hit("Charge");
                return _chargeFails ? throw new InvalidOperationException("card declined") : Task.FromResult("paid");
            });
            return $"{packed.Values.Sum()}|{label}|{charged}";
        });
    }

    private async Task<WorkflowInstanceInfo> FailedOrderAsync(string id)
    {
        Harness.Open(Register);
        _chargeFails = true;
        await Harness.Client.StartAsync<int, string>("Order", 3, new() { InstanceId = id });
        var failed = await Harness.Client.WaitForCompletionAsync(id).Within();
        Assert.That(failed.Status, Is.EqualTo(WorkflowStatus.Failed));
        _chargeFails = false;
        return failed;
    }

    [Test]
    public async Task Retry_runs_a_failed_instance_again_from_its_failed_step_with_everything_before_it_replayed()
    {
        await FailedOrderAsync("o-retry");

        await Harness.Client.RetryAsync("o-retry");

        Assert.That(await Harness.Client.GetHandle<string>("o-retry").GetResultAsync().Within(), Is.EqualTo("6|600|paid"));
        Assert.That((_runs["Reserve"], _runs["Pack"], _runs["Print"], _runs["Charge"]), Is.EqualTo((1, 3, 1, 2)), "only the failed step ran again");
        var status = await Harness.Client.GetStatusAsync("o-retry");
        Assert.That(status.Execution, Is.EqualTo(2));
        var history = await Harness.Client.GetHistoryAsync("o-retry", execution: 1);
        Assert.That(history.AllOperations().Single(o => o.Id == "/Charge#1").Status, Is.EqualTo(WorkflowOperationStatus.Failed), "the failed execution stays in the history");
    }

    [Test]
    public async Task Reset_to_the_child_runs_the_child_again_under_a_new_id_and_keeps_the_fan_out()
    {
        await FailedOrderAsync("o-reset");

        await Harness.Client.ResetAsync("o-reset", "/Label#1", reason: "relabel");

        Assert.That(await Harness.Client.GetHandle<string>("o-reset").GetResultAsync().Within(), Is.EqualTo("6|600|paid"));
        Assert.That((_runs["Reserve"], _runs["Pack"], _runs["Print"], _runs["Charge"]), Is.EqualTo((1, 3, 2, 2)));
        Assert.That((await Harness.Client.GetStatusAsync("o-reset::sub::2:/Label#1")).Status, Is.EqualTo(WorkflowStatus.Completed), "the child of the new execution");
        var marker = (await Harness.Store.LoadJournalAsync("o-reset", 2)).Single(e => e.OperationId == "!rerun");
        Assert.That(marker.Detail, Is.EqualTo("reset of execution 1 from /Label#1"));
        Assert.That(marker.Result, Is.EqualTo("\"relabel\""));
    }

    [Test]
    public async Task Fork_starts_a_new_instance_from_an_operation_and_leaves_the_source_alone()
    {
        await FailedOrderAsync("o-source");

        await Harness.Client.ForkAsync("o-source", "/MapAsync#1", "o-fork");

        Assert.That(await Harness.Client.GetHandle<string>("o-fork").GetResultAsync().Within(), Is.EqualTo("6|600|paid"));
        Assert.That((_runs["Reserve"], _runs["Pack"], _runs["Print"], _runs["Charge"]), Is.EqualTo((1, 6, 2, 2)), "the fan-out and what follows ran again");
        Assert.That((await Harness.Client.GetStatusAsync("o-source")).Status, Is.EqualTo(WorkflowStatus.Failed));
        Assert.That((await Harness.Client.GetStatusAsync("o-fork::sub::1:/Label#1")).Status, Is.EqualTo(WorkflowStatus.Completed));
        await Assert.ThrowsAsync<WorkflowInstanceExistsException>(() => Harness.Client.ForkAsync("o-source", "/MapAsync#1", "o-fork"));
    }

    [Test]
    public async Task Each_refuses_a_running_instance_an_unknown_operation_or_instance_and_retry_refuses_one_that_did_not_fail()
    {
        var gate = new Gate();
        Harness.Open(r => r.Add<int, int>("Wait", async _ => await Workflow.RunStepAsync("Hold", null, async token => { await gate.WaitAsync(token); return 1; })));
        await Harness.Client.StartAsync<int, int>("Wait", 0, new() { InstanceId = "busy" });
        await gate.Entered.Within();

        var running = await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.Client.ResetAsync("busy", "/Hold#1"));
        Assert.That(running!.Message, Does.Contain("'busy'").And.Contain("Suspend it first"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.Client.ForkAsync("busy", "/Hold#1", "copy"));
        Assert.That((await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.Client.RetryAsync("busy")))!.Message, Does.Contain("it is running"));
        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => Harness.Client.ResetAsync("nobody", "/Hold#1"));

        gate.Open();
        await Harness.Client.GetHandle<int>("busy").GetResultAsync().Within();
        Assert.That((await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.Client.RetryAsync("busy")))!.Message, Does.Contain("only a failed instance"));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.ResetAsync("busy", "/Nothing#1"));
        Assert.That(unknown!.Message, Does.Contain("no operation '/Nothing#1'").And.Contain("'/Hold#1'"));
        Assert.That((await Harness.Client.GetStatusAsync("busy")).Execution, Is.EqualTo(1), "nothing was changed");
    }

    [Test]
    public async Task A_suspended_instance_can_be_reset_and_runs_from_the_chosen_step()
    {
        var gate = new Gate();
        var attempts = new Counters();
        Harness.Open(r => r.Add<int, string>("Two", async _ =>
        {
            var first = await Workflow.RunStepAsync("First", null, _ => { attempts.Hit("First"); return Task.FromResult("a"); });
            var second = await Workflow.RunStepAsync("Second", new StepOptions { MaxAttempts = 1 }, async token =>
            {
                attempts.Hit("Second@" + Workflow.Step.Attempt);
                if (attempts["Second@1"] == 1) await gate.WaitAsync(token);
                return "b";
            });
            return first + second;
        }));
        await Harness.Client.StartAsync<int, string>("Two", 0, new() { InstanceId = "two" });
        await gate.Entered.Within();
        await Harness.Client.SuspendAsync("two");
        gate.Open();
        await Eventually.TrueAsync(async () => (await Harness.Store.LoadJournalAsync("two", 1)).Any(e => e.OperationId == "/Second#1" && e.Status == JournalEntryStatus.Completed));
        await Eventually.TrueAsync(() => Task.FromResult(!Harness.Engine!.TryGetRunner("two", out _)));

        await Harness.Client.ResetAsync("two", "/Second#1");

        Assert.That(await Harness.Client.GetHandle<string>("two").GetResultAsync().Within(), Is.EqualTo("ab"));
        Assert.That((attempts["First"], attempts["Second@1"]), Is.EqualTo((1, 2)), "the reset step ran again as a first attempt, not counted as interrupted");
    }
}
