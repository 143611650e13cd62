using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class SuspendResumeTests(StoreKind kind) : EngineTestBase(kind)
{
    private Counters _counters = new();
    private Gate _gate = new();

    [SetUp]
    public void Reset()
    {
        _counters = new Counters();
        _gate = new Gate();
    }

    private void Register(WorkflowRegistry r)
    {
        r.Add<int, string>("Waits", async _ => await Workflow.WaitForEventAsync<string>("go"));
        r.Add<int, string>("Sleeps", async _ =>
        {
            await Workflow.DelayAsync(TimeSpan.FromMilliseconds(300));
            return "woke";
        });
        r.Add<int, string>("Fans", async _ =>
        {
            var results = await Workflow.MapAsync(Enumerable.Range(0, 4), async item =>
                await Workflow.RunStepAsync("Work", null, async token =>
                {
                    _counters.Hit($"work-{item}");
                    if (item == 3) await _gate.WaitAsync(token);
                    return item;
                }), new MapOptions { MaxConcurrency = 4 });
            await Workflow.RunStepAsync("After", null, _ =>
            {
                _counters.Hit("after");
                return Task.FromResult(0);
            });
            return string.Join(",", results.Values);
        });
    }

    [Test]
    public async Task A_suspended_instance_stores_what_it_is_sent_and_takes_it_after_resume()
    {
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Waits", 0, new() { InstanceId = "p-1" });

        await Harness.Client.SuspendAsync("p-1", "maintenance");
        var suspended = await Harness.Client.GetStatusAsync("p-1");
        Assert.That((suspended.Status, suspended.StatusReason), Is.EqualTo((WorkflowStatus.Suspended, "maintenance")));
        await Harness.Client.RaiseEventAsync("p-1", "go", "later");
        var waiting = Harness.Client.GetResultAsync<string>("p-1");
        await Task.Delay(300);
        Assert.That(waiting.IsCompleted, Is.False, "nothing runs a suspended instance");

        await Harness.Client.ResumeAsync("p-1");

        Assert.That(await waiting.Within(), Is.EqualTo("later"), "a waiter from before the suspension gets the result");
    }

    [Test]
    public async Task A_timer_that_fell_due_while_suspended_fires_after_resume()
    {
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Sleeps", 0, new() { InstanceId = "p-2" });
        await Harness.Client.SuspendAsync("p-2");
        await Task.Delay(500);
        Assert.That((await Harness.Client.GetStatusAsync("p-2")).Status, Is.EqualTo(WorkflowStatus.Suspended));

        await Harness.Client.ResumeAsync("p-2");

        Assert.That(await Harness.Client.GetResultAsync<string>("p-2").Within(), Is.EqualTo("woke"));
    }

    [Test]
    public async Task Suspended_during_a_fan_out_it_stays_suspended_across_a_restart_and_resumes_without_rerunning_finished_items()
    {
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Fans", 0, new() { InstanceId = "p-3" });
        await _gate.Entered.Within();
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("p-3")).Count(e => e.Name == "Work" && e.Status == Workflows.Storage.JournalEntryStatus.Completed) == 3);

        await Harness.Client.SuspendAsync("p-3", "hold");
        var engine = await Harness.RestartAsync(Register);
        await engine.Ready;
        Assert.That(engine.TryGetRunner("p-3", out _), Is.False, "a suspended instance is not resumed when the store opens");
        Assert.That((await engine.Client.GetStatusAsync("p-3")).Status, Is.EqualTo(WorkflowStatus.Suspended));

        _gate.Open();
        await engine.Client.ResumeAsync("p-3");

        Assert.That(await engine.Client.GetResultAsync<string>("p-3").Within(), Is.EqualTo("0,1,2,3"));
        Assert.That(Enumerable.Range(0, 3).Select(i => _counters[$"work-{i}"]), Is.All.EqualTo(1), "finished items did not run again");
        Assert.That(_counters["work-3"], Is.EqualTo(2), "the item in flight at the suspension ran again after the resume");
    }

    [Test]
    public async Task A_step_attempt_in_flight_when_suspended_finishes_and_is_recorded_and_nothing_new_starts_until_resume()
    {
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Fans", 0, new() { InstanceId = "p-6" });
        await _gate.Entered.Within();
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("p-6")).Count(e => e.Name == "Work" && e.Status == Workflows.Storage.JournalEntryStatus.Completed) == 3);

        await Harness.Client.SuspendAsync("p-6", "hold");
        _gate.Open();

        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("p-6")).Count(e => e.Name == "Work" && e.Status == Workflows.Storage.JournalEntryStatus.Completed) == 4);
        await Eventually.TrueAsync(() => !Harness.Engine!.TryGetRunner("p-6", out _));
        await Task.Delay(200);
        Assert.That(_counters["after"], Is.Zero, "no step attempt starts while the instance is suspended");
        Assert.That((await Harness.Client.GetStatusAsync("p-6")).Status, Is.EqualTo(WorkflowStatus.Suspended));

        await Harness.Client.ResumeAsync("p-6");

        Assert.That(await Harness.Client.GetResultAsync<string>("p-6").Within(), Is.EqualTo("0,1,2,3"));
        Assert.That(_counters["work-3"], Is.EqualTo(1), "the attempt in flight at the suspension was recorded, not run again");
        Assert.That(_counters["after"], Is.EqualTo(1));
    }

    [Test]
    public async Task Resumed_while_its_attempts_in_flight_still_run_it_goes_on_once_they_are_recorded()
    {
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Fans", 0, new() { InstanceId = "p-7" });
        await _gate.Entered.Within();

        await Harness.Client.SuspendAsync("p-7");
        await Harness.Client.ResumeAsync("p-7");
        _gate.Open();

        Assert.That(await Harness.Client.GetResultAsync<string>("p-7").Within(), Is.EqualTo("0,1,2,3"));
        Assert.That(_counters["work-3"], Is.EqualTo(1), "the attempt in flight was recorded by the run that wound down");
        Assert.That((await Harness.Client.GetStatusAsync("p-7")).Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public async Task Suspending_a_finished_instance_fails_and_suspend_or_resume_twice_does_nothing_more()
    {
        Harness.Open(Register);
        await Harness.Client.RunAsync<int, string>("Waits", 0, new() { InstanceId = "p-4", Event = new("go", "x") }).Within();
        var error = await Assert.ThrowsAsync<WorkflowException>(() => Harness.Client.SuspendAsync("p-4"));
        Assert.That(error!.Message, Does.Contain("Cannot suspend workflow instance 'p-4': it already ended Completed"));

        await Harness.Client.StartAsync<int, string>("Waits", 0, new() { InstanceId = "p-5" });
        await Harness.Client.ResumeAsync("p-5");
        await Harness.Client.SuspendAsync("p-5");
        await Harness.Client.SuspendAsync("p-5");
        await Harness.Client.TerminateAsync("p-5", "no longer needed");

        Assert.That((await Harness.Client.GetStatusAsync("p-5")).Status, Is.EqualTo(WorkflowStatus.Terminated), "a suspended instance can be terminated");
    }
}
