using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class MessageTests(StoreKind kind) : EngineTestBase(kind)
{
    private Gate _gate = new();

    [SetUp]
    public void NewGate() => _gate = new Gate();

    private void Register(WorkflowRegistry r)
    {
        r.Add<int, string>("Inbox", async _ =>
        {
            var pings = new List<int>();
            while (true)
            {
                var ping = await Workflow.WaitForEventAsync<int>("ping");
                if (ping < 0) return string.Join(",", pings);
                pings.Add(ping);
            }
        });
        r.Add<string, string>("Sender", async target =>
        {
            await Workflow.RaiseEventAsync(target, "ping", 1);
            await Workflow.RunStepAsync("Hold", null, async token => { await _gate.WaitAsync(token); return 0; });
            await Workflow.RaiseEventAsync(target, "ping", -1);
            return "sent";
        });
        r.Add<string, string>("Careful", async target =>
        {
            try
            {
                await Workflow.RaiseEventAsync(target, "ping", 1);
                return "delivered";
            }
            catch (WorkflowException ex)
            {
                await Workflow.DelayAsync(TimeSpan.FromMilliseconds(1));
                return "refused: " + ex.Message;
            }
        });
    }

    [Test]
    public async Task A_workflow_raises_an_event_for_another_exactly_once_across_a_restart_of_the_sender()
    {
        Harness.Open(Register);
        var inbox = await Harness.Client.StartAsync<int, string>("Inbox", 0, new() { InstanceId = "m-target" });
        await Harness.Client.StartAsync<string, string>("Sender", "m-target", new() { InstanceId = "m-sender" });
        await _gate.Entered.Within();

        // The sender replays its journaled send after the restart and sends only what follows it.
        await Harness.RestartAsync(Register);
        _gate.Open();

        Assert.That(await Harness.Client.GetResultAsync<string>("m-sender").Within(), Is.EqualTo("sent"));
        Assert.That(await Harness.Client.GetResultAsync<string>("m-target").Within(), Is.EqualTo("1"), "the first ping arrived once");
        var sends = (await Harness.JournalAsync("m-sender")).Where(e => e.Kind == JournalEntryKind.Message).ToList();
        Assert.That(sends.Select(e => (e.OperationId, e.Status)), Is.EqualTo(new[] { ("/$send#1", JournalEntryStatus.Completed), ("/$send#2", JournalEntryStatus.Completed) }));
        Assert.That(await Harness.Store.LoadInboxAsync("m-target"), Is.Empty);
    }

    [Test]
    public async Task An_event_for_a_missing_or_finished_instance_fails_in_the_sender_and_replays_the_same()
    {
        Harness.Open(Register);
        await Harness.Client.RunAsync<int, string>("Inbox", 0, new() { InstanceId = "m-done", Event = new("ping", -1) }).Within();

        var missing = await Harness.Client.RunAsync<string, string>("Careful", "m-nobody", new() { InstanceId = "m-1" }).Within();
        var finished = await Harness.Client.RunAsync<string, string>("Careful", "m-done", new() { InstanceId = "m-2" }).Within();

        Assert.That(missing, Does.StartWith("refused: Event 'ping' sent by workflow instance 'm-1' (/$send#1) was not delivered to 'm-nobody'").And.Contain("does not exist"));
        Assert.That(finished, Does.Contain("not delivered to 'm-done'").And.Contain("already ended Completed"));
        var send = (await Harness.JournalAsync("m-1")).Single(e => e.Kind == JournalEntryKind.Message);
        Assert.That(send.Status, Is.EqualTo(JournalEntryStatus.Failed));
        Assert.That(await Harness.Store.LoadInboxAsync("m-done"), Is.Empty, "nothing was stored for the finished instance");

        var replay = await WorkflowReplayer.ReplayAsync(Harness.Store, "m-1", Replayable());
        Assert.That((replay.Incompatibility, replay.Finished), Is.EqualTo(((string?)null, true)), "the recorded refusal replays to the same result");
    }

    [Test]
    public async Task A_bad_target_id_or_event_name_fails_the_call_in_workflow_code()
    {
        Harness.Open(r => r.Add<string, string>("Bad", async name =>
        {
            try
            {
                await Workflow.RaiseEventAsync("ok-id", name, 1);
                return "sent";
            }
            catch (ArgumentException ex)
            {
                return ex.Message;
            }
        }));

        Assert.That(await Harness.Client.RunAsync<string, string>("Bad", "bad$name", new() { InstanceId = "m-3" }).Within(), Does.Contain("bad$name"));
    }

    private WorkflowEngineOptions Replayable()
    {
        var options = new WorkflowEngineOptions();
        Register(options.Workflows);
        return options;
    }
}
