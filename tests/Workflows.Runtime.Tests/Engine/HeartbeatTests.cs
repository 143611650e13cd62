using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class HeartbeatTests(StoreKind kind) : EngineTestBase(kind)
{
    private Gate _gate = new();

    [SetUp]
    public void NewGate() => _gate = new Gate();

    [Test]
    public async Task A_retried_attempt_resumes_from_the_last_heartbeat_of_the_failed_one()
    {
        Harness.Open(r => r.Add<int, string>("Copy", async total =>
            await Workflow.RunStepAsync("CopyRows", new StepOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) }, async _ =>
            {
                var from = Workflow.Step.LastHeartbeat<int>();
                for (var row = from; row < total; row++)
                {
                    await Workflow.Step.HeartbeatAsync(row);
                    if (Workflow.Step.Attempt == 1 && row == 3) throw new IOException("connection reset");
                }
                return $"attempt {Workflow.Step.Attempt} resumed at {from}";
            })));

        Assert.That(await Harness.Client.RunAsync<int, string>("Copy", 6, new() { InstanceId = "h-1" }).Within(), Is.EqualTo("attempt 2 resumed at 3"));
    }

    [Test]
    public async Task The_last_heartbeat_is_durable_and_an_attempt_after_a_restart_reads_it()
    {
        void Register(WorkflowRegistry r) => r.Add<int, string>("Export", async _ =>
            await Workflow.RunStepAsync("Export", null, async token =>
            {
                var from = Workflow.Step.LastHeartbeat<string>();
                if (from is null)
                {
                    await Workflow.Step.HeartbeatAsync("page-7");
                    await _gate.WaitAsync(token);
                }
                return $"attempt {Workflow.Step.Attempt} from {from ?? "start"}";
            }));

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Export", 0, new() { InstanceId = "h-2" });
        await _gate.Entered.Within();
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("h-2")).SingleOrDefault()?.Result == "\"page-7\"");

        await Harness.RestartAsync(Register);

        Assert.That(await Harness.Client.GetResultAsync<string>("h-2").Within(), Is.EqualTo("attempt 2 from page-7"), "the attempt cut off by the restart counted, and its heartbeat was read back");
        var entry = (await Harness.JournalAsync("h-2")).Single(e => !e.OperationId.StartsWith('!'));
        Assert.That((entry.Status, entry.Attempts), Is.EqualTo((JournalEntryStatus.Completed, 2)));
        Assert.That((await Harness.JournalAsync("h-2")).Single(e => e.OperationId.StartsWith('!')).Error!.Message, Does.Contain("The process stopped while attempt 1"),
            "the history keeps the attempt the restart cut short");
    }

    [Test]
    public async Task An_attempt_that_stops_heartbeating_is_cancelled_and_retried()
    {
        Harness.Open(r => r.Add<int, string>("Poll", async _ =>
            await Workflow.RunStepAsync("Poll", new StepOptions { HeartbeatTimeout = TimeSpan.FromMilliseconds(200), InitialBackoff = TimeSpan.FromMilliseconds(10) }, async token =>
            {
                await Workflow.Step.HeartbeatAsync(Workflow.Step.Attempt);
                if (Workflow.Step.Attempt == 1) await Task.Delay(Timeout.Infinite, token); // hangs, silent
                for (var i = 0; i < 5; i++)
                {
                    await Task.Delay(60, token);
                    await Workflow.Step.HeartbeatAsync(i);
                }
                return $"done on attempt {Workflow.Step.Attempt}";
            })));

        Assert.That(await Harness.Client.RunAsync<int, string>("Poll", 0, new() { InstanceId = "h-3" }).Within(), Is.EqualTo("done on attempt 2"),
            "attempt 2 ran longer than the heartbeat timeout, heartbeating");
    }
}
