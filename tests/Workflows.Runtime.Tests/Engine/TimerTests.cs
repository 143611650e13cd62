using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class TimerTests(StoreKind kind) : EngineTestBase(kind)
{
    [Test]
    public async Task A_timer_waits_and_is_journaled_with_its_due_time()
    {
        Harness.Open(r => r.Add<int, string>("Sleepy", async ms =>
        {
            await Workflow.DelayAsync(TimeSpan.FromMilliseconds(ms));
            return "woke";
        }));

        var started = DateTime.UtcNow;
        Assert.That(await Harness.Client.RunAsync<int, string>("Sleepy", 300, new() { InstanceId = "t-1" }).Within(), Is.EqualTo("woke"));

        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
        var timer = (await Harness.JournalAsync("t-1")).Single();
        Assert.That(timer.OperationId, Is.EqualTo("/$timer#1"));
        Assert.That(timer.Kind, Is.EqualTo(JournalEntryKind.Timer));
        Assert.That(timer.Status, Is.EqualTo(JournalEntryStatus.Completed));
        Assert.That(timer.NextAttemptAt, Is.EqualTo(started.AddMilliseconds(300)).Within(TimeSpan.FromMilliseconds(250)));
    }

    [Test]
    public async Task A_timer_survives_a_restart_and_fires_at_its_recorded_time_not_a_new_one()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Reminder", async _ =>
        {
            await Workflow.RunStepAsync("Arm", null, async token => { await gate.WaitAsync(token); return 0; });
            var set = Workflow.UtcNow;
            await Workflow.DelayAsync(TimeSpan.FromSeconds(2));
            return set.ToString("O");
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Reminder", 0, new() { InstanceId = "t-2" });
        await gate.Entered.Within();
        gate.Open();
        var due = await DueTimeAsync("t-2");

        await Task.Delay(1200);
        await Harness.RestartAsync(Register);
        var restarted = DateTime.UtcNow;
        await Harness.Client.GetHandle<string>("t-2").GetResultAsync().Within();

        Assert.That(DateTime.UtcNow - restarted, Is.LessThan(TimeSpan.FromMilliseconds(1800)), "after the restart it waited only for what remained");
        Assert.That(DateTime.UtcNow, Is.GreaterThanOrEqualTo(due.AddMilliseconds(-20)), "and not less than its recorded due time");
        Assert.That((await Harness.JournalAsync("t-2")).Single(e => e.Kind == JournalEntryKind.Timer).NextAttemptAt, Is.EqualTo(due), "the due time was not recomputed");
    }

    [Test]
    public async Task A_fired_timer_does_not_wait_again_on_replay()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Twice", async _ =>
        {
            await Workflow.DelayAsync(TimeSpan.FromSeconds(1));
            await Workflow.RunStepAsync("Hold", null, async token => { await gate.WaitAsync(token); return 0; });
            return "done";
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Twice", 0, new() { InstanceId = "t-3" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        var restarted = DateTime.UtcNow;
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("t-3").GetResultAsync().Within(), Is.EqualTo("done"));
        Assert.That(DateTime.UtcNow - restarted, Is.LessThan(TimeSpan.FromMilliseconds(900)));
    }

    [Test]
    public async Task Cancelling_the_instance_cancels_its_timer()
    {
        Harness.Open(r => r.Add<int, string>("Patient", async _ =>
        {
            await Workflow.DelayAsync(TimeSpan.FromHours(1));
            return "never";
        }));
        var handle = await Harness.Client.StartAsync<int, string>("Patient", 0, new() { InstanceId = "t-4" });
        await DueTimeAsync("t-4");

        await handle.CancelAsync("not needed");

        await Assert.ThrowsAsync<WorkflowCanceledException>(() => handle.GetResultAsync().Within());
    }

    [Test]
    public async Task A_negative_delay_fails_the_workflow_with_a_clear_error()
    {
        Harness.Open(r => r.Add<int, string>("Backwards", async _ =>
        {
            await Workflow.DelayAsync(TimeSpan.FromSeconds(-1));
            return "never";
        }));

        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => Harness.Client.RunAsync<int, string>("Backwards", 0).Within());
        Assert.That(error!.Message, Does.Contain("durable timer's delay must be between zero"));
    }

    private async Task<DateTime> DueTimeAsync(string instanceId)
    {
        for (var i = 0; i < 500; i++)
        {
            var timer = (await Harness.Store.LoadJournalAsync(instanceId, 1)).FirstOrDefault(e => e.Kind == JournalEntryKind.Timer);
            if (timer?.NextAttemptAt is { } due) return due;
            await Task.Delay(10);
        }
        throw new AssertionException("The timer's due time was never recorded.");
    }
}
