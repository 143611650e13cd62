using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class FanOutTests(StoreKind kind) : EngineTestBase(kind)
{
    private static readonly StepOptions Once = new() { MaxAttempts = 1 };

    [Test]
    public async Task Repeated_invocations_run_live_each_time_and_resume_without_rerunning_finished_items()
    {
        var counters = new Counters();
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Rounds", async _ =>
        {
            var sums = new List<int>();
            for (var round = 1; round <= 3; round++)
            {
                var current = round;
                var result = await Workflow.MapAsync([1, 2, 3], async item =>
                {
                    var value = await Workflow.RunStepAsync("Square", null, _ => { counters.Hit($"{current}:{item}"); return Task.FromResult(item * item * current); });
                    if (current == 2 && item == 3) await Workflow.RunStepAsync("Hold", null, async token => { await gate.WaitAsync(token); return 0; });
                    return value;
                });
                sums.Add(result.Values.Sum());
            }
            return string.Join(",", sums);
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Rounds", 0, new() { InstanceId = "m-1" });
        await gate.Entered.Within();
        // Round 2's items run concurrently: item 3 can reach its hold before items 1 and 2 have journaled their
        // steps. Restart only once they have, since they must not run again.
        await Eventually.TrueAsync(async () => (await Harness.JournalAsync("m-1"))
            .Count(e => e.OperationId is "/MapAsync#2[0]/Square#1" or "/MapAsync#2[1]/Square#1" && e.Status == JournalEntryStatus.Completed) == 2);
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("m-1").GetResultAsync().Within(), Is.EqualTo("14,28,42"), "each round ran with its own values");
        for (var round = 1; round <= 3; round++)
        {
            for (var item = 1; item <= 3; item++) Assert.That(counters[$"{round}:{item}"], Is.EqualTo(1), $"round {round} item {item} ran once");
        }
        var ids = (await Harness.JournalAsync("m-1")).Select(e => e.OperationId).ToList();
        Assert.That(ids, Does.Contain("/MapAsync#1[0]/Square#1").And.Contain("/MapAsync#2[2]/Hold#1").And.Contain("/MapAsync#3[1]/Square#1"));
    }

    [Test]
    public async Task After_a_restart_finished_items_return_recorded_results_running_items_rerun_and_waiting_items_start()
    {
        var counters = new Counters();
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, int>("Twenty", async _ =>
        {
            var result = await Workflow.MapAsync(Enumerable.Range(0, 20), async item =>
            {
                counters.Hit($"body{item}");
                var a = await Workflow.RunStepAsync("A", null, _ => { counters.Hit($"A{item}"); return Task.FromResult(item); });
                var b = await Workflow.RunStepAsync("B", null, async token =>
                {
                    counters.Hit($"B{item}");
                    if (item >= 6) await gate.WaitAsync(token);
                    return item * 10;
                });
                return a + b;
            }, new MapOptions { MaxConcurrency = 4 });
            return result.Values.Sum();
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, int>("Twenty", 0, new() { InstanceId = "m-2" });
        await Eventually.TrueAsync(() => Enumerable.Range(6, 4).All(i => counters[$"B{i}"] == 1));
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<int>("m-2").GetResultAsync().Within(), Is.EqualTo(Enumerable.Range(0, 20).Sum(i => i * 11)));
        for (var i = 0; i < 20; i++)
        {
            var finished = i < 6;
            var inFlight = i is >= 6 and < 10;
            Assert.That(counters[$"body{i}"], Is.EqualTo(inFlight ? 2 : 1), $"item {i}: finished items are not replayed, running ones re-run from their start");
            Assert.That(counters[$"A{i}"], Is.EqualTo(1), $"item {i}: step A ran live once");
            Assert.That(counters[$"B{i}"], Is.EqualTo(inFlight ? 2 : 1), $"item {i}: only the steps in flight ran again");
            _ = finished;
        }
    }

    [Test]
    public async Task Dying_between_an_items_last_step_and_its_completion_record_does_not_count_the_item_twice()
    {
        var counters = new Counters();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Atomic", async _ =>
        {
            var result = await Workflow.MapAsync([1, 2, 3], async item =>
            {
                counters.Hit($"body{item}");
                return await Workflow.RunStepAsync("Work", null, _ => { counters.Hit($"work{item}"); return Task.FromResult(item * 100); });
            });
            return $"{result.Values.Sum()} from {result.Items.Count} items";
        });
        static bool ItemTwoRecord(IReadOnlyList<StoreMutation> mutations) =>
            mutations.OfType<PutJournalEntry>().Any(p => p.Entry.OperationId == "/MapAsync#1[1]" && p.Entry.Status == JournalEntryStatus.Completed);

        var dying = Harness.OpenDying(Register, ItemTwoRecord);
        await Harness.Client.StartAsync<int, string>("Atomic", 0, new() { InstanceId = "m-7" });
        await Eventually.TrueAsync(() => dying.IsDead);
        await Harness.RestartAsync(Register);

        Assert.That(await Harness.Client.GetHandle<string>("m-7").GetResultAsync().Within(), Is.EqualTo("600 from 3 items"));
        Assert.That(counters["work2"], Is.EqualTo(1), "the item's step was durable before the death and replayed, not re-run");
        Assert.That(counters["body2"], Is.EqualTo(2), "the item itself re-ran from its entry, because its completion record was lost");
        var journal = await Harness.JournalAsync("m-7");
        Assert.That(journal.Count(e => e.OperationId == "/MapAsync#1[1]"), Is.EqualTo(1));
        Assert.That(journal.Single(e => e.OperationId == "/MapAsync#1[1]").Result, Is.EqualTo("200"), "the record holds the item's result");
    }

    [Test]
    public async Task Fail_fast_cancels_waiting_and_running_items_and_the_outcome_survives_a_restart()
    {
        var counters = new Counters();
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("FailFast", async _ =>
        {
            string outcome;
            try
            {
                await Workflow.MapAsync(Enumerable.Range(0, 6), async item =>
                {
                    counters.Hit($"body{item}");
                    if (item == 1) await Workflow.RunStepAsync("Break", Once, _ => Task.FromException<int>(new InvalidOperationException("broken item")));
                    var first = await Workflow.RunStepAsync("Slow", null, async token => { if (item == 0) await Task.Delay(200, token); return item; });
                    return first + await Workflow.RunStepAsync("Next", null, _ => Task.FromResult(1));
                }, new MapOptions { MaxConcurrency = 2 });
                outcome = "no failure";
            }
            catch (BatchFailedException ex)
            {
                outcome = string.Join(",", ex.Items.Select(i => i.Status.ToString()[0]));
            }
            await Workflow.RunStepAsync("Hold", null, async token => { await gate.WaitAsync(token); return 0; });
            return outcome;
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("FailFast", 0, new() { InstanceId = "m-3" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("m-3").GetResultAsync().Within(), Is.EqualTo("C,F,C,C,C,C"),
            "item 0 was stopped at its next durable call, item 1 failed, the rest never started");
        Assert.That(Enumerable.Range(2, 4).Select(i => counters[$"body{i}"]), Is.All.EqualTo(0), "items cancelled before they started never ran");
        var journal = await Harness.JournalAsync("m-3");
        Assert.That(journal.Where(e => e.Kind == JournalEntryKind.Scope && e.Scope == "/MapAsync#1").Select(e => (e.OperationId, e.Status)),
            Has.Member(("/MapAsync#1[1]", JournalEntryStatus.Failed)).And.Member(("/MapAsync#1[5]", JournalEntryStatus.Failed)));
    }

    [Test]
    public async Task Collect_runs_every_item_records_each_error_and_tolerance_decides_the_batch()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Collect", async tolerated =>
        {
            var options = new MapOptions { FailureMode = BatchFailureMode.Collect, ToleratedFailures = tolerated };
            string outcome;
            try
            {
                var result = await Workflow.MapAsync(Enumerable.Range(0, 5), item => item % 2 == 1
                    ? Workflow.RunStepAsync("Odd", Once, _ => Task.FromException<int>(new ArgumentException($"odd {item}")))
                    : Workflow.RunStepAsync("Even", null, _ => Task.FromResult(item)), options);
                outcome = $"ok {result.SucceededCount}/{result.FailedCount}: {string.Join(";", result.Items.Select(i => i.Error?.Message ?? i.Value.ToString()))}";
            }
            catch (BatchFailedException ex)
            {
                outcome = $"failed {ex.Items.Count(i => i.Status == BatchItemStatus.Failed)}";
            }
            await Workflow.RunStepAsync("Hold", null, async token => { await gate.WaitAsync(token); return 0; });
            return outcome;
        });

        Harness.Open(Register);
        var tolerant = await Harness.Client.StartAsync<int, string>("Collect", 2, new() { InstanceId = "m-4a" });
        var strict = await Harness.Client.StartAsync<int, string>("Collect", 1, new() { InstanceId = "m-4b" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("m-4a").GetResultAsync().Within(), Does.StartWith("ok 3/2: 0;").And.Contain("odd 1").And.Contain("odd 3"));
        Assert.That(await Harness.Client.GetHandle<string>("m-4b").GetResultAsync().Within(), Is.EqualTo("failed 2"));
        _ = (tolerant, strict);
    }

    [Test]
    public async Task A_retried_step_inside_an_item_keeps_its_attempt_count_across_a_restart()
    {
        var attempts = new List<int>();
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("RetryItem", async _ =>
        {
            var result = await Workflow.MapAsync([0], async item => await Workflow.RunStepAsync("Flaky",
                new StepOptions { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(10) }, async token =>
                {
                    lock (attempts) attempts.Add(Workflow.Step.Attempt);
                    if (Workflow.Step.Attempt == 2) await gate.WaitAsync(token);
                    if (Workflow.Step.Attempt < 3) throw new TimeoutException("try again");
                    return "third time";
                }));
            return result.Values.Single();
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("RetryItem", 0, new() { InstanceId = "m-5" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("m-5").GetResultAsync().Within(), Is.EqualTo("third time"));
        Assert.That(attempts, Is.EqualTo(new[] { 1, 2, 3 }), "the restart counted the attempt it cut short and went on with attempt 3, not 1");
    }

    [Test]
    public async Task A_virtual_item_that_fails_still_counts_as_a_failed_item()
    {
        Harness.Open(r => r.Add<int, string>("VirtualItems", async _ =>
        {
            var result = await Workflow.MapAsync([1, 2, 3], item => Workflow.RunStepAsync("Check", Once,
                    _ => item == 2 ? Task.FromException<int>(new InvalidOperationException("two")) : Task.FromResult(item)),
                new MapOptions { VirtualItems = true, FailureMode = BatchFailureMode.Collect, ToleratedFailures = 1 });
            return string.Join(",", result.Items.Select(i => i.Status));
        }));

        Assert.That(await Harness.Client.RunAsync<int, string>("VirtualItems", 0, new() { InstanceId = "m-6" }).Within(), Is.EqualTo("Succeeded,Failed,Succeeded"));
        var journal = await Harness.JournalAsync("m-6");
        Assert.That(journal.Select(e => e.OperationId), Is.EquivalentTo(new[] { "/MapAsync#1", "/MapAsync#1/Check#1", "/MapAsync#1/Check#2", "/MapAsync#1/Check#3" }),
            "virtual items write no records of their own, and their operations stay unique");
    }

    [Test]
    public async Task ParallelAsync_runs_branches_as_items_and_bad_options_fail_clearly()
    {
        Harness.Open(r => r.Add<int, string>("Branches", async _ =>
        {
            var result = await Workflow.ParallelAsync<string>(
            [
                () => Workflow.RunStepAsync("Left", null, _ => Task.FromResult("L")),
                () => Workflow.RunStepAsync("Right", null, _ => Task.FromResult("R")),
            ]);
            try
            {
                await Workflow.MapAsync([1], Task.FromResult, new MapOptions { MaxConcurrency = 0 });
            }
            catch (ArgumentOutOfRangeException ex)
            {
                return string.Concat(result.Values) + " / " + ex.ParamName;
            }
            return "accepted";
        }));

        Assert.That(await Harness.Client.RunAsync<int, string>("Branches", 0).Within(), Is.EqualTo("LR / MaxConcurrency"));
    }
}
