using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class EventTests(StoreKind kind) : EngineTestBase(kind)
{
    private static void Approval(WorkflowRegistry r) => r.Add<int, string>("Approval", async _ =>
    {
        var decision = await Workflow.WaitForEventAsync<string>("decision");
        return $"decided:{decision}";
    });

    [Test]
    public async Task A_waiting_workflow_receives_the_event_payload_and_journals_it()
    {
        Harness.Open(Approval);
        var handle = await Harness.Client.StartAsync<int, string>("Approval", 0, new() { InstanceId = "e-1" });

        await Harness.Client.RaiseEventAsync("e-1", "decision", "approved");

        Assert.That(await handle.GetResultAsync().Within(), Is.EqualTo("decided:approved"));
        var wait = (await Harness.JournalAsync("e-1")).Single();
        Assert.That((wait.OperationId, wait.Kind, wait.Result), Is.EqualTo(("/$event#1", JournalEntryKind.Event, "\"approved\"")));
        Assert.That(await Harness.Store.LoadInboxAsync("e-1"), Is.Empty, "the event was consumed with the journal write");
    }

    [Test]
    public async Task Events_raised_before_the_wait_are_buffered_and_taken_in_the_order_raised()
    {
        var gate = new Gate();
        Harness.Open(r => r.Add<int, string>("Collector", async _ =>
        {
            await Workflow.RunStepAsync("Busy", null, async token => { await gate.WaitAsync(token); return 0; });
            var first = await Workflow.WaitForEventAsync<int>("item");
            var second = await Workflow.WaitForEventAsync<int>("item");
            var other = await Workflow.WaitForEventAsync<string>("note");
            return $"{first},{second},{other}";
        }));
        var handle = await Harness.Client.StartAsync<int, string>("Collector", 0, new() { InstanceId = "e-2" });
        await gate.Entered.Within();

        await Harness.Client.RaiseEventAsync("e-2", "note", "hello");
        await Harness.Client.RaiseEventAsync("e-2", "item", 1);
        await Harness.Client.RaiseEventAsync("e-2", "item", 2);
        gate.Open();

        Assert.That(await handle.GetResultAsync().Within(), Is.EqualTo("1,2,hello"));
    }

    [Test]
    public async Task An_event_raised_while_the_engine_is_down_is_delivered_after_restart_and_replay_returns_the_same_payload()
    {
        var gate = new Gate();
        var counters = new Counters();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Shipment", async _ =>
        {
            var address = await Workflow.WaitForEventAsync<string>("address");
            await Workflow.RunStepAsync("Ship", null, async token => { counters.Hit("Ship"); await gate.WaitAsync(token); return 0; });
            var confirmation = await Workflow.WaitForEventAsync<string>("confirmed");
            return $"{address}/{confirmation}";
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Shipment", 0, new() { InstanceId = "e-3" });
        await Harness.Client.RaiseEventAsync("e-3", "address", "Main St 1");
        await gate.Entered.Within();
        await Harness.Engine!.DisposeAsync();

        // An engine without the workflow stores the event but cannot run the instance: it waits in the inbox.
        var without = Harness.Open(_ => { });
        await without.Ready;
        await without.Client.RaiseEventAsync("e-3", "confirmed", "yes");
        Assert.That(await Harness.Store.LoadInboxAsync("e-3"), Has.Count.EqualTo(1));
        await without.DisposeAsync();
        Harness.Open(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("e-3").GetResultAsync().Within(), Is.EqualTo("Main St 1/yes"));
        Assert.That((await Harness.JournalAsync("e-3")).Count(e => e.Kind == JournalEntryKind.Event), Is.EqualTo(2), "each event consumed exactly once");
    }

    [Test]
    public async Task A_wait_that_times_out_throws_EventTimeoutException_and_a_later_event_stays_buffered()
    {
        Harness.Open(r => r.Add<int, string>("Impatient", async _ =>
        {
            try
            {
                return await Workflow.WaitForEventAsync<string>("reply", TimeSpan.FromMilliseconds(200));
            }
            catch (EventTimeoutException ex)
            {
                var late = await Workflow.WaitForEventAsync<string>("reply");
                return $"timed out ({ex.EventName}, {ex.OperationId}), then {late}";
            }
        }));
        var handle = await Harness.Client.StartAsync<int, string>("Impatient", 0, new() { InstanceId = "e-4" });
        for (var i = 0; i < 500 && (await Harness.JournalAsync("e-4")).All(e => e.Status != JournalEntryStatus.Failed); i++) await Task.Delay(10);

        await Harness.Client.RaiseEventAsync("e-4", "reply", "finally");

        Assert.That(await handle.GetResultAsync().Within(), Is.EqualTo("timed out (reply, /$event#1), then finally"));
    }

    [Test]
    public async Task A_wait_retired_by_its_token_after_losing_a_race_takes_no_event_and_replays_after_a_restart()
    {
        // Temporal's SleepForDays: sleep in rounds until "complete" arrives; each round's losing wait is retired.
        static void Register(WorkflowRegistry r) => r.Add<int, string>("Sleeper", async _ =>
        {
            for (var round = 1; ; round++)
            {
                using var retire = new CancellationTokenSource();
                var wake = Workflow.DelayAsync(TimeSpan.FromMilliseconds(30));
                var done = Workflow.WaitForEventAsync<string>("complete", cancellationToken: retire.Token);
                if (await Task.WhenAny(wake, done) == done) return $"round {round}: {await done}";
                retire.Cancel();
                try
                {
                    return $"round {round}: {await done}"; // it took an event before it was retired
                }
                catch (OperationCanceledException)
                {
                    // Retired: the next round waits again.
                }
            }
        });
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Sleeper", 0, new() { InstanceId = "e-sleep" });
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("e-sleep")).Count(RetiredWait) >= 2);

        await Harness.RestartAsync(Register);
        await Harness.Client.RaiseEventAsync("e-sleep", "complete", "done");

        var result = await Harness.Client.GetResultAsync<string>("e-sleep").Within();
        var journal = await Harness.JournalAsync("e-sleep");
        var waits = journal.Where(e => e.Kind == JournalEntryKind.Event).ToList();
        var taken = waits.Single(e => e.Status == JournalEntryStatus.Completed);
        Assert.That(result, Is.EqualTo($"round {waits.IndexOf(taken) + 1}: done"), "the round whose wait took the event returned it");
        Assert.That(waits.Count(RetiredWait), Is.EqualTo(waits.Count - 1), "every other round's wait was retired and took nothing");
        Assert.That(taken, Is.SameAs(waits[^1]), "no round ran after the one that took the event");
    }

    private static bool RetiredWait(JournalEntry entry) =>
        entry is { Kind: JournalEntryKind.Event, Status: JournalEntryStatus.Failed, Error.IsCancellation: true };

    [Test]
    public async Task Raising_an_event_for_an_unknown_or_finished_instance_or_with_a_bad_name_fails_clearly()
    {
        Harness.Open(r => r.Add<int, int>("Quick", x => Task.FromResult(x)));
        await Harness.Client.RunAsync<int, int>("Quick", 1, new() { InstanceId = "done-1" });

        var unknown = await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => Harness.Client.RaiseEventAsync("nobody", "go", 1));
        var finished = await Assert.ThrowsAsync<WorkflowException>(() => Harness.Client.RaiseEventAsync("done-1", "go", 1));
        var badName = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.RaiseEventAsync("done-1", "a/b", 1));

        Assert.That(unknown!.Message, Does.Contain("nobody"));
        Assert.That(finished!.Message, Does.Contain("raise event 'go'").And.Contain("done-1").And.Contain("Completed"));
        Assert.That(badName!.Message, Does.Contain("'a/b'"));
    }

    [Test]
    public void Waiting_for_an_event_outside_a_workflow_fails_with_what_it_needs()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Workflow.WaitForEventAsync<int>("go"));
        Assert.That(error!.Message, Does.Contain("only be awaited by workflow code"));
    }
}
