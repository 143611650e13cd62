using Workflows.Runtime.Tests.Support;
using Workflows.Testing;

namespace Workflows.Runtime.Tests.Scheduling;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class ScheduleTests(StoreKind kind) : EngineTestBase(kind)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private WorkflowTestClock _clock = null!;

    [SetUp]
    public void NewClock() => _clock = new WorkflowTestClock(Start);

    private static void Register(WorkflowRegistry r)
    {
        r.Add(WorkflowDefinition.Create<object?, string>("Tick", _ => Task.FromResult(Workflow.InstanceId)));
        r.Add(WorkflowDefinition.Create<object?, string>("Hold", async _ => await Workflow.WaitForEventAsync<string>("go")));
        r.Add(WorkflowDefinition.Create<string, string>("Greet", name => Task.FromResult("hi " + name)));
    }

    private WorkflowEngine Open() => Harness.Open(Register, o => o.TimeProvider = _clock);

    private WorkflowSchedules Schedules => Harness.Engine!.Schedules;

    private static DateTime At(int minutes, int seconds = 0) => Start.UtcDateTime.AddMinutes(minutes).AddSeconds(seconds);

    private Task<ScheduleDescription> UntilAsync(string scheduleId, Func<ScheduleDescription, bool> condition) =>
        Eventually.ReturnsAsync(() => Schedules.GetAsync(scheduleId), condition);

    // Moves time once the engine only waits: a timer set after the move would count its delay from the new time.
    private async Task AdvanceToAsync(DateTime time)
    {
        await Eventually.TrueAsync(() => Harness.Engine!.WaitsOnTime);
        _clock.AdvanceTo(time);
    }

    private async Task<WorkflowStatus> StatusAsync(string instanceId) => (await Harness.Client.GetStatusAsync(instanceId)).Status;

    [Test]
    public async Task An_interval_schedule_starts_one_run_per_scheduled_time_with_an_id_derived_from_the_time()
    {
        Open();
        var created = await Schedules.CreateAsync("tick", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Tick"));
        Assert.That(created.NextRunTimes.Take(2), Is.EqualTo(new[] { At(1), At(2) }));

        for (var minute = 1; minute <= 3; minute++)
        {
            await AdvanceToAsync(At(minute));
            var m = minute;
            await UntilAsync("tick", s => s.StartedRuns == m);
        }

        var schedule = await Schedules.GetAsync("tick");
        Assert.That(schedule.RecentRuns.Select(r => r.InstanceId), Is.EqualTo(new[] { "tick@2026-12-07T10:01:00Z", "tick@2026-12-07T10:02:00Z", "tick@2026-12-07T10:03:00Z" }));
        Assert.That(schedule.RecentRuns.Select(r => r.Outcome), Is.All.EqualTo(ScheduleRunOutcome.Started));
        Assert.That(schedule.NextRunTimes[0], Is.EqualTo(At(4)));
        Assert.That(await Harness.Client.GetResultAsync<string>("tick@2026-12-07T10:03:00Z").Within(), Is.EqualTo("tick@2026-12-07T10:03:00Z"));
        var runs = await Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { WorkflowName = "Tick" });
        Assert.That(runs.Instances, Has.Count.EqualTo(3), "one run per scheduled time, none twice");
    }

    [Test]
    public async Task A_run_gets_the_schedules_input_and_the_schedule_survives_a_restart()
    {
        Open();
        await Schedules.CreateAsync("greet", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Greet", "ada"));
        await AdvanceToAsync(At(1));
        await UntilAsync("greet", s => s.StartedRuns == 1);

        await Harness.RestartAsync(Register, o => o.TimeProvider = _clock);
        await AdvanceToAsync(At(2));
        await UntilAsync("greet", s => s.StartedRuns == 2);
        Assert.That(await Harness.Client.GetResultAsync<string>("greet@2026-12-07T10:02:00Z").Within(), Is.EqualTo("hi ada"));
    }

    [Test]
    public async Task After_downtime_the_times_inside_the_catch_up_window_start_and_older_ones_count_as_missed()
    {
        Open();
        await Schedules.CreateAsync("catch", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Tick"),
            new ScheduleOptions { Policy = new SchedulePolicy { CatchupWindow = TimeSpan.FromMinutes(3), Overlap = ScheduleOverlapPolicy.AllowAll } });
        // Down while the schedule sleeps on its timer (a description is readable from its input before it ever ran).
        await Eventually.TrueAsync(() => Harness.Engine!.WaitsOnTime);
        await Harness.Engine!.DisposeAsync();

        _clock.AdvanceTo(At(10, 30));
        Open();
        var schedule = await UntilAsync("catch", s => s.StartedRuns == 3);

        Assert.That(schedule.MissedRuns, Is.EqualTo(7), "10:01 to 10:07 were due more than 3 minutes before 10:10:30");
        Assert.That(schedule.RecentRuns.Where(r => r.Outcome == ScheduleRunOutcome.Started).Select(r => r.ScheduledAt), Is.EqualTo(new[] { At(8), At(9), At(10) }));
        Assert.That(schedule.NextRunTimes[0], Is.EqualTo(At(11)));
    }

    [Test]
    public async Task Skip_does_not_start_a_run_while_the_previous_one_runs()
    {
        Open();
        await Schedules.CreateAsync("skip", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Hold"));
        await AdvanceToAsync(At(1));
        await UntilAsync("skip", s => s.StartedRuns == 1);
        await AdvanceToAsync(At(2));

        var schedule = await UntilAsync("skip", s => s.SkippedRuns == 1);
        Assert.That(schedule.RecentRuns[^1].Reason, Does.Contain("skip@2026-12-07T10:01:00Z"));
        await Harness.Client.RaiseEventAsync("skip@2026-12-07T10:01:00Z", "go", "done");
        await Harness.Client.WaitForCompletionAsync("skip@2026-12-07T10:01:00Z").Within();
        await AdvanceToAsync(At(3));
        await UntilAsync("skip", s => s.StartedRuns == 2 && s.LastRunInstanceId == "skip@2026-12-07T10:03:00Z");
    }

    [Test]
    public async Task Buffer_one_starts_one_waiting_run_when_the_previous_ends_and_skips_the_rest()
    {
        Open();
        await Schedules.CreateAsync("buffer", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Hold"),
            new ScheduleOptions { Policy = new SchedulePolicy { Overlap = ScheduleOverlapPolicy.BufferOne } });
        await AdvanceToAsync(At(1));
        await UntilAsync("buffer", s => s.StartedRuns == 1);
        await AdvanceToAsync(At(2));
        await UntilAsync("buffer", s => s.BufferedRun == At(2));
        await AdvanceToAsync(At(3));
        await UntilAsync("buffer", s => s.SkippedRuns == 1);

        await Harness.Client.RaiseEventAsync("buffer@2026-12-07T10:01:00Z", "go", "done");
        await Harness.Client.WaitForCompletionAsync("buffer@2026-12-07T10:01:00Z").Within();
        // The buffered run is looked at with a back-off that starts at a second.
        for (var i = 1; i <= 8 && (await Schedules.GetAsync("buffer")).BufferedRun is not null; i++)
        {
            await AdvanceToAsync(_clock.GetUtcNow().UtcDateTime.AddSeconds(2));
            await Task.Delay(50);
        }
        var schedule = await UntilAsync("buffer", s => s.StartedRuns == 2);
        Assert.That(schedule.LastRunInstanceId, Is.EqualTo("buffer@2026-12-07T10:02:00Z"), "the buffered run carries its scheduled time");
        Assert.That(schedule.BufferedRun, Is.Null);
    }

    [TestCase(ScheduleOverlapPolicy.CancelPrevious, WorkflowStatus.Canceled)]
    [TestCase(ScheduleOverlapPolicy.TerminatePrevious, WorkflowStatus.Terminated)]
    [TestCase(ScheduleOverlapPolicy.AllowAll, WorkflowStatus.Running)]
    public async Task The_other_overlap_policies_start_the_new_run_and_deal_with_the_previous_one(ScheduleOverlapPolicy overlap, WorkflowStatus previous)
    {
        Open();
        await Schedules.CreateAsync("over", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Hold"),
            new ScheduleOptions { Policy = new SchedulePolicy { Overlap = overlap } });
        await AdvanceToAsync(At(1));
        await UntilAsync("over", s => s.StartedRuns == 1);
        await AdvanceToAsync(At(2));
        await UntilAsync("over", s => s.StartedRuns == 2);

        await Eventually.TrueAsync(async () => await StatusAsync("over@2026-12-07T10:01:00Z") == previous);
        Assert.That(await StatusAsync("over@2026-12-07T10:02:00Z"), Is.EqualTo(WorkflowStatus.Running));
    }

    [Test]
    public async Task A_paused_schedule_starts_nothing_and_once_unpaused_goes_on_without_making_up_the_paused_times()
    {
        Open();
        await Schedules.CreateAsync("pause", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Tick"));
        var paused = await Schedules.PauseAsync("pause", "maintenance");
        Assert.That((paused.Paused, paused.Note, paused.NextRunTimes), Is.EqualTo((true, "maintenance", (IReadOnlyList<DateTime>)[])));

        await AdvanceToAsync(At(3));
        await Task.Delay(200);
        Assert.That((await Schedules.GetAsync("pause")).StartedRuns, Is.Zero);

        var unpaused = await Schedules.UnpauseAsync("pause", "done");
        Assert.That(unpaused.NextRunTimes[0], Is.EqualTo(At(4)), "10:01 to 10:03 are not owed");
        await AdvanceToAsync(At(4));
        var schedule = await UntilAsync("pause", s => s.StartedRuns == 1);
        Assert.That(schedule.LastRunInstanceId, Is.EqualTo("pause@2026-12-07T10:04:00Z"));
    }

    [Test]
    public async Task Trigger_starts_a_run_now_even_while_paused_and_backfill_starts_past_times_once()
    {
        Open();
        await Schedules.CreateAsync("fill", ScheduleSpec.Cron("*/10 * * * *"), new ScheduleAction("Tick"), new ScheduleOptions { Paused = true });
        await AdvanceToAsync(At(3, 30));

        var triggered = await Schedules.TriggerAsync("fill");
        Assert.That((triggered.Outcome, triggered.InstanceId), Is.EqualTo((ScheduleRunOutcome.Started, "fill@2026-12-07T10:03:30Z")));

        var filled = await Schedules.BackfillAsync("fill", At(-30), At(-1));
        Assert.That(filled.Select(r => r.InstanceId), Is.EqualTo(new[] { "fill@2026-12-07T09:30:00Z", "fill@2026-12-07T09:40:00Z", "fill@2026-12-07T09:50:00Z" }));
        Assert.That(filled.Select(r => r.Outcome), Is.All.EqualTo(ScheduleRunOutcome.Started));
        var again = await Schedules.BackfillAsync("fill", At(-20), At(-20));
        Assert.That(again.Single().Outcome, Is.EqualTo(ScheduleRunOutcome.AlreadyStarted), "a time runs once, also when backfilled twice");
        Assert.That(await Harness.Client.GetResultAsync<string>("fill@2026-12-07T09:40:00Z").Within(), Is.EqualTo("fill@2026-12-07T09:40:00Z"));
    }

    [Test]
    public async Task A_schedule_with_many_runs_continues_as_new_and_keeps_its_state_and_its_times()
    {
        Open();
        await Schedules.CreateAsync("long", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Tick"));
        var filled = await Schedules.BackfillAsync("long", At(-300), At(-1));
        Assert.That(filled, Has.Count.EqualTo(300));

        await Eventually.TrueAsync(async () => (await Harness.Client.GetStatusAsync("schedule:long")).Execution > 1);
        await AdvanceToAsync(At(1));
        var schedule = await UntilAsync("long", s => s.StartedRuns == 301);
        Assert.That(schedule.LastRunInstanceId, Is.EqualTo("long@2026-12-07T10:01:00Z"), "the new execution goes on where the last one stopped");
        Assert.That(schedule.RecentRuns, Has.Count.EqualTo(10), "it keeps the last ten runs");
    }

    [Test]
    public async Task An_update_changes_the_times_from_now_and_a_deleted_schedule_is_gone_while_its_runs_go_on()
    {
        Open();
        await Schedules.CreateAsync("change", ScheduleSpec.Every(TimeSpan.FromMinutes(1)), new ScheduleAction("Hold"));
        await AdvanceToAsync(At(1));
        await UntilAsync("change", s => s.StartedRuns == 1);

        var updated = await Schedules.UpdateAsync("change", ScheduleSpec.Cron("0 3 * * *", "Europe/Berlin"), new SchedulePolicy { Overlap = ScheduleOverlapPolicy.AllowAll });
        Assert.That(updated.NextRunTimes[0], Is.EqualTo(new DateTime(2026, 12, 8, 2, 0, 0, DateTimeKind.Utc)), "03:00 in Berlin is 02:00 UTC in winter");
        Assert.That(updated.Policy.Overlap, Is.EqualTo(ScheduleOverlapPolicy.AllowAll));
        Assert.That((await Schedules.ListAsync()).Select(s => s.ScheduleId), Is.EqualTo(new[] { "change" }));

        await Schedules.DeleteAsync("change");
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => Schedules.GetAsync("change"));
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => Schedules.PauseAsync("change"));
        Assert.That(await Schedules.ListAsync(), Is.Empty);
        Assert.That(await StatusAsync("change@2026-12-07T10:01:00Z"), Is.EqualTo(WorkflowStatus.Running), "the runs it started go on");

        await Schedules.CreateAsync("change", ScheduleSpec.Every(TimeSpan.FromHours(1)), new ScheduleAction("Tick"));
        Assert.That((await Schedules.GetAsync("change")).Spec.Interval, Is.EqualTo(TimeSpan.FromHours(1)), "the ID is free again");
    }

    [Test]
    public async Task Bad_requests_are_refused_with_what_is_wrong()
    {
        Open();
        var every = ScheduleSpec.Every(TimeSpan.FromMinutes(1));
        Assert.That(Assert.Throws<ArgumentException>(() => ScheduleSpec.Cron("61 * * * *"))!.Message, Does.Contain("'61 * * * *' is not valid"));
        Assert.That(Assert.Throws<ArgumentException>(() => ScheduleSpec.Cron("0 3 * * *", "Mars/Olympus"))!.Message, Does.Contain("'Mars/Olympus' is not known"));
        Assert.That(Assert.Throws<ArgumentException>(() => ScheduleSpec.Every(TimeSpan.FromMilliseconds(10)))!.Message, Does.Contain("shorter than the shortest allowed"));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Schedules.CreateAsync("x", every, new ScheduleAction("Nope"))))!.Message, Does.Contain("workflow 'Nope', which this engine does not know"));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Schedules.CreateAsync("sub::x", every, new ScheduleAction("Tick"))))!.Message, Does.Contain("reserved"));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Schedules.CreateAsync("x", every with { Jitter = TimeSpan.FromSeconds(-1) }, new ScheduleAction("Tick"))))!.Message, Does.Contain("jitter"));
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => Schedules.TriggerAsync("missing"));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Schedules.CreateAsync("x", every, new ScheduleAction("Greet", new[] { 1, 2 }))))!.Message, Does.Contain("cannot read as its String"));

        await Schedules.CreateAsync("x", every, new ScheduleAction("Tick"));
        Assert.That((await Assert.ThrowsAsync<InvalidOperationException>(() => Schedules.CreateAsync("x", every, new ScheduleAction("Tick"))))!.Message, Does.Contain("exists already"));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Schedules.BackfillAsync("x", At(0), At(-5))))!.Message, Does.Contain("ends"));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Schedules.BackfillAsync("x", At(-2000), At(0))))!.Message, Does.Contain("more than 1000"));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Schedules.UpdateAsync("x", policy: new SchedulePolicy { CatchupWindow = TimeSpan.Zero })))!.Message, Does.Contain("catch-up window"));
        Assert.That((await Schedules.GetAsync("x")).StartedRuns, Is.Zero, "nothing refused changed the schedule");
    }

    private static Action<WorkflowRegistry> Declaring(params ScheduleAttribute[] schedules) => r =>
    {
        Register(r);
        var nightly = WorkflowDefinition.Create<object?, string>("Nightly", _ => Task.FromResult(Workflow.InstanceId));
        r.Add(schedules.Length == 0 ? nightly : nightly.WithSchedules(schedules));
    };

    [Test]
    public async Task Declared_schedules_are_created_changed_and_deleted_with_their_attributes_when_the_engine_starts()
    {
        var engine = Harness.Open(Declaring(new ScheduleAttribute("0 3 * * *") { TimeZone = "Europe/Berlin" }), o => o.TimeProvider = _clock);
        await engine.Ready.Within();
        var declared = await Schedules.GetAsync("Nightly");
        Assert.That((declared.Declared, declared.WorkflowName, declared.NextRunTimes[0]), Is.EqualTo((true, "Nightly", new DateTime(2026, 12, 8, 2, 0, 0, DateTimeKind.Utc))));
        await Schedules.CreateAsync("mine", ScheduleSpec.Every(TimeSpan.FromHours(1)), new ScheduleAction("Nightly"));

        engine = await Harness.RestartAsync(Declaring(
            new ScheduleAttribute("0 4 * * *") { TimeZone = "Europe/Berlin", Overlap = ScheduleOverlapPolicy.AllowAll },
            new ScheduleAttribute { Id = "mine", IntervalSeconds = 60 },
            new ScheduleAttribute { Id = "often", IntervalSeconds = 60 }), o => o.TimeProvider = _clock);
        await engine.Ready.Within();
        var changed = await Schedules.GetAsync("Nightly");
        Assert.That((changed.Spec.CronExpression, changed.Policy.Overlap), Is.EqualTo(("0 4 * * *", ScheduleOverlapPolicy.AllowAll)));
        Assert.That((await Schedules.GetAsync("mine")).Spec.Interval, Is.EqualTo(TimeSpan.FromHours(1)), "a schedule made in code is not taken over");
        Assert.That((await Schedules.GetAsync("often")).Declared, Is.True);

        engine = await Harness.RestartAsync(Declaring(), o => o.TimeProvider = _clock);
        await engine.Ready.Within();
        Assert.That((await Schedules.ListAsync()).Select(s => s.ScheduleId), Is.EqualTo(new[] { "mine" }), "the declared ones went with their attributes");
    }

    [Test]
    public async Task A_declared_schedule_the_engine_cannot_read_fails_its_start_with_the_workflow_named()
    {
        var engine = Harness.Open(Declaring(new ScheduleAttribute("0 25 * * *")), o => o.TimeProvider = _clock);
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => engine.Ready.Within());
        Assert.That(failure!.Message, Does.Contain("[Schedule] attribute 'Nightly' of workflow 'Nightly'").And.Contain("'0 25 * * *' is not valid"));
        Assert.That(() => WorkflowDefinition.Create<string, string>("Input", Task.FromResult).WithSchedules(new ScheduleAttribute("0 3 * * *")),
            Throws.InvalidOperationException.With.Message.Contain("takes an input"));
    }
}
