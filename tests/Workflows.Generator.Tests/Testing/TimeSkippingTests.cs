using System.Diagnostics;
using Workflows.Generator.Tests.Scenarios;
using Workflows.Testing;

namespace Workflows.Generator.Tests.Testing;

/// <summary>The time-skipping environment runs weeks of workflow time in moments of real time, and by hand when asked.</summary>
public sealed class TimeSkippingTests
{
    private static readonly DateTimeOffset NewYear = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_30_day_timer_a_retry_an_hour_apart_and_a_7_day_event_timeout_pass_at_once()
    {
        await using var env = WorkflowTestEnvironment.Create(start: NewYear);
        var wall = Stopwatch.StartNew();

        var result = await env.Client.RunSubscribeAsync("ada", instanceId: "sub-1").WaitAsync(TimeSpan.FromSeconds(30));

        TestContext.Progress.WriteLine($"37 days and 2 hours of workflow time took {wall.Elapsed.TotalMilliseconds:0} ms of wall time");
        Assert.That(result, Is.EqualTo("paid-ada:unconfirmed:2026-02-07 02:00"), "30 days, two 1-hour backoffs, then the 7-day timeout");
        var charge = (await env.Engine.Store.LoadJournalAsync("sub-1", 1)).Single(e => e.Name == "Charge");
        Assert.That(charge.Attempts, Is.EqualTo(3));
    }

    [Test]
    public async Task An_event_raised_before_the_clock_reaches_the_wait_is_taken_and_workflow_time_is_journaled()
    {
        await using var env = WorkflowTestEnvironment.Create(start: NewYear);
        await env.Client.StartSubscribeAsync("bo", instanceId: "sub-2");
        await env.Client.RaiseEventAsync("sub-2", "confirm", "yes");

        Assert.That(await env.Client.GetResultAsync<string>("sub-2").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("paid-bo:yes:2026-01-31 02:00"));
    }

    [Test]
    public async Task Retention_follows_the_test_clock()
    {
        await using var env = WorkflowTestEnvironment.Create(options => options.RetainFinishedFor = TimeSpan.FromDays(1), start: NewYear);
        env.SkipsTime = false;
        await env.Client.RunAddAsync(1, 2, instanceId: "add-1").WaitAsync(TimeSpan.FromSeconds(30));

        env.Clock.Advance(TimeSpan.FromDays(2));   // two days of workflow time: the finished instance has aged out

        for (var i = 0; i < 500 && await env.Engine.Store.GetInstanceAsync("add-1") is not null; i++) await Task.Delay(10);
        Assert.That(await env.Engine.Store.GetInstanceAsync("add-1"), Is.Null, "purged by the retention on the engine's clock, not the machine's");
    }

    [Test]
    public async Task With_skipping_off_the_clock_moves_only_by_hand()
    {
        await using var env = WorkflowTestEnvironment.Create(start: NewYear);
        env.SkipsTime = false;
        var run = env.Client.RunSubscribeAsync("cy", instanceId: "sub-3");
        await Task.Delay(200);
        Assert.That(run.IsCompleted, Is.False, "nothing moves the clock");

        env.Clock.Advance(TimeSpan.FromDays(29));
        await Task.Delay(100);
        Assert.That((await env.Engine.Store.LoadJournalAsync("sub-3", 1)).Where(e => e.Name == "Charge"), Is.Empty, "the trial is not over");

        env.SkipsTime = true;
        Assert.That(await run.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("paid-cy:unconfirmed:2026-02-07 02:00"));
    }

    [Test]
    public async Task A_step_replaced_by_name_runs_the_replacement_with_the_workflow_unchanged()
    {
        await using var env = WorkflowTestEnvironment.Create(start: NewYear);
        var attempts = new List<int>();
        env.ReplaceStep("Charge", (step, _) =>
        {
            attempts.Add(step.Attempt);
            return step.Attempt < 2 ? throw new TimeoutException("gateway slow") : Task.FromResult($"stub-{step.InstanceId}");
        });

        var result = await env.Client.RunSubscribeAsync("di", instanceId: "sub-4").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(result, Is.EqualTo("stub-sub-4:unconfirmed:2026-02-07 01:00"), "one retry an hour later, then the stub's result");
        Assert.That(attempts, Is.EqualTo(new[] { 1, 2 }));
        Assert.That((await env.Engine.Store.LoadJournalAsync("sub-4", 1)).Single(e => e.Name == "Charge").Result, Is.EqualTo("\"stub-sub-4\""));
    }

    [Test]
    public async Task A_replacement_of_the_wrong_type_fails_the_step_saying_so()
    {
        await using var env = WorkflowTestEnvironment.Create(start: NewYear);
        env.ReplaceStep("Charge", (_, _) => Task.FromResult(42));

        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => env.Client.RunSubscribeAsync("ed", instanceId: "sub-5").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(error!.Message, Does.Contain("replacement of step 'Charge'").And.Contain("returns Int32").And.Contain("returns String"));
    }
}
