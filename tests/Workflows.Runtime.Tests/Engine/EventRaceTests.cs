using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>
/// Event waits racing in <c>Task.WhenAny</c> (which generated code routes through <see cref="Workflow.WhenAny(Task[])"/>):
/// a wait abandoned by a lost race never takes the event a newer wait of its name is there for.
/// </summary>
[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class EventRaceTests(StoreKind kind) : EngineTestBase(kind)
{
    // Temporal's SleepForDays written literally: every round abandons the wait that lost to the round's timer.
    private static void Sleeper(WorkflowRegistry r) => r.Add<int, string>("Sleeper", async _ =>
    {
        for (var round = 1; ; round++)
        {
            var nextDay = Workflow.DelayAsync(TimeSpan.FromMilliseconds(30));
            var complete = Workflow.WaitForEventAsync<string>("complete");
            if (await Workflow.WhenAny(nextDay, complete) == complete) return $"round {round}: {await complete}";
        }
    });

    [Test]
    public async Task The_literal_SleepForDays_loop_completes_after_the_event_also_after_a_restart()
    {
        Harness.Open(Sleeper);
        await Harness.Client.StartAsync<int, string>("Sleeper", 0, new() { InstanceId = "sleep-1" });
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("sleep-1")).Count(e => e.Kind == JournalEntryKind.Timer && e.Status == JournalEntryStatus.Completed) >= 3);

        await Harness.RestartAsync(Sleeper);
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("sleep-1")).Count(e => e.Kind == JournalEntryKind.Timer && e.Status == JournalEntryStatus.Completed) >= 5);
        await Harness.Client.RaiseEventAsync("sleep-1", "complete", "done");

        var result = await Harness.Client.GetResultAsync<string>("sleep-1").Within();
        var journal = await Harness.JournalAsync("sleep-1");
        var taken = journal.Single(e => e.Kind == JournalEntryKind.Event);
        var rounds = journal.Count(e => e.Kind == JournalEntryKind.Timer && e.Status == JournalEntryStatus.Completed);
        Assert.That(taken.Status, Is.EqualTo(JournalEntryStatus.Completed));
        Assert.That(result, Is.EqualTo($"round {OperationOrdinal(taken.OperationId)}: done"), "the round whose wait took the event returned it");
        Assert.That(OperationOrdinal(taken.OperationId), Is.InRange(rounds, rounds + 1), "the wait of the latest round took it, not one an earlier round abandoned");
    }

    [Test]
    public async Task A_wait_that_lost_a_race_and_is_awaited_again_still_takes_its_event()
    {
        // A reminder loop: the same wait races a fresh timer every round until the event comes.
        static void Register(WorkflowRegistry r) => r.Add<int, string>("Reminder", async _ =>
        {
            var approval = Workflow.WaitForEventAsync<string>("approve");
            var reminders = 0;
            while (await Workflow.WhenAny(approval, Workflow.DelayAsync(TimeSpan.FromMilliseconds(30))) != approval) reminders++;
            return $"{await approval} after {(reminders > 0 ? "reminders" : "none")}";
        });
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Reminder", 0, new() { InstanceId = "remind-1" });
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("remind-1")).Count(e => e.Kind == JournalEntryKind.Timer) >= 2);
        await Harness.RestartAsync(Register);

        await Harness.Client.RaiseEventAsync("remind-1", "approve", "yes");

        Assert.That(await Harness.Client.GetResultAsync<string>("remind-1").Within(), Is.EqualTo("yes after reminders"));
        Assert.That((await Harness.JournalAsync("remind-1")).Single(e => e.Kind == JournalEntryKind.Event).OperationId, Is.EqualTo("/$event#1"));
    }

    [Test]
    public async Task An_abandoned_wait_takes_an_event_only_when_no_newer_wait_of_its_name_is_waiting()
    {
        // Two rounds leave their waits behind; a third asks for two events in turn. Both go to the third round's waits.
        static void Register(WorkflowRegistry r) => r.Add<int, string>("Rounds", async _ =>
        {
            for (var round = 0; round < 2; round++)
                await Workflow.WhenAny(Workflow.DelayAsync(TimeSpan.FromMilliseconds(1)), Workflow.WaitForEventAsync<string>("item"));
            var first = await Workflow.WaitForEventAsync<string>("item");
            var second = await Workflow.WaitForEventAsync<string>("item");
            return first + second;
        });
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Rounds", 0, new() { InstanceId = "rounds-1" });
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("rounds-1")).Count(e => e.Kind == JournalEntryKind.Timer && e.Status == JournalEntryStatus.Completed) == 2);

        await Harness.Client.RaiseEventAsync("rounds-1", "item", "a");
        await Harness.Client.RaiseEventAsync("rounds-1", "item", "b");

        Assert.That(await Harness.Client.GetResultAsync<string>("rounds-1").Within(), Is.EqualTo("ab"));
        var taken = (await Harness.JournalAsync("rounds-1")).Where(e => e.Kind == JournalEntryKind.Event).Select(e => e.OperationId);
        Assert.That(taken, Is.EqualTo(new[] { "/$event#3", "/$event#4" }));
    }

    [Test]
    public async Task An_event_arriving_between_a_wait_and_the_WhenAny_that_races_it_is_not_lost_to_the_loser()
    {
        // The workflow thread stalls after creating the wait and before racing it, while the timer's outcome is
        // journaled and the event arrives: the wait, not yet known to be raced, must not take the event.
        using var inCode = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Harness.Open(r => r.Add<int, string>("Window", async _ =>
        {
            var timer = Workflow.DelayAsync(TimeSpan.FromMilliseconds(1));
            var wait = Workflow.WaitForEventAsync<string>("go");
            if (!Workflow.IsReplaying)
            {
                inCode.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
            var first = await Workflow.WhenAny(timer, wait) == wait ? "event" : "timer";
            return $"{first}, then {await Workflow.WaitForEventAsync<string>("go")}";
        }));
        await Harness.Client.StartAsync<int, string>("Window", 0, new() { InstanceId = "window-1" });
        Assert.That(inCode.Wait(TimeSpan.FromSeconds(30)), Is.True);
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("window-1")).Any(e => e.Kind == JournalEntryKind.Timer && e.Status == JournalEntryStatus.Completed));

        await Harness.Client.RaiseEventAsync("window-1", "go", "late");
        release.Set();

        Assert.That(await Harness.Client.GetResultAsync<string>("window-1").Within(), Is.EqualTo("timer, then late"));
        Assert.That((await Harness.JournalAsync("window-1")).Single(e => e.Kind == JournalEntryKind.Event).OperationId, Is.EqualTo("/$event#2"));
    }

    private static int OperationOrdinal(string operationId) => int.Parse(operationId[(operationId.LastIndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
