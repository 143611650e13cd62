namespace Workflows.Runtime.Tests.Crash;

/// <summary>Kills a real worker process at chosen points and checks what the next process makes of the file.</summary>
public sealed class ProcessKillTests
{
    private string _directory = null!;
    private string Database => Path.Combine(_directory, "crash.db");
    private string Ledger => Path.Combine(_directory, "ledger.txt");

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_directory = Path.Combine(Path.GetTempPath(), "workflows-crash-tests-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string[] LedgerLines => File.ReadAllLines(Ledger);

    [Test]
    public async Task After_a_kill_the_next_process_resumes_without_rerunning_durable_steps()
    {
        var crashed = await TestHostProcess.RunAsync("Sequential", Database, Ledger, crashPoint: "/Add#4");
        Assert.That(crashed.ExitCode, Is.Not.Zero, "the first process died");
        Assert.That(crashed.Result, Is.Null);

        var resumed = await TestHostProcess.RunAsync("Sequential", Database, Ledger);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Errors);
        Assert.That(resumed.Result, Is.EqualTo("RESULT Completed 150"));
        Assert.That(LedgerLines, Is.EqualTo(new[] { "/Add#1 1", "/Add#2 1", "/Add#3 1", "/Add#4 1", "/Add#4 2", "/Add#5 1" }),
            "steps 1-3 were durable and ran once; step 4 was in flight at the kill and ran again as its second attempt");
    }

    [Test]
    public async Task Every_commit_acknowledged_before_a_kill_is_in_the_file()
    {
        var crashed = await TestHostProcess.RunAsync("Acknowledged", Database, Ledger, crashPoint: "400");
        Assert.That(crashed.ExitCode, Is.Not.Zero, "the process died");
        var acknowledged = LedgerLines;
        Assert.That(acknowledged, Has.Length.GreaterThanOrEqualTo(400));

        await using var store = Workflows.Storage.LiteDb.LiteDbCheckpointStore.Open(Database);
        var stored = (await store.LoadJournalAsync("acknowledged", 1)).Select(e => e.OperationId).ToHashSet();
        Assert.That(acknowledged.Where(operation => !stored.Contains(operation)), Is.Empty,
            "a commit was acknowledged before it was durable");
    }

    [Test]
    public async Task A_kill_during_retries_does_not_reset_the_retry_budget()
    {
        var crashed = await TestHostProcess.RunAsync("Flaky", Database, Ledger, crashPoint: "attempt-2");
        Assert.That(crashed.ExitCode, Is.Not.Zero);

        var resumed = await TestHostProcess.RunAsync("Flaky", Database, Ledger);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Errors);
        Assert.That(resumed.Result, Is.EqualTo("RESULT Completed \"3 System.InvalidOperationException attempt 3 failed\""));
        Assert.That(LedgerLines, Is.EqualTo(new[] { "/Flaky#1 1", "/Flaky#1 2", "/Flaky#1 3" }),
            "the journaled failure of attempt 1 survived; the attempt cut short by the kill counted as failed; the budget of 3 held");
    }

    [Test]
    public async Task A_step_that_kills_the_process_on_every_attempt_stops_after_MaxAttempts()
    {
        for (var run = 1; run <= 3; run++)
        {
            var crashed = await TestHostProcess.RunAsync("Poison", Database, Ledger);
            Assert.That(crashed.ExitCode, Is.Not.Zero, $"run {run} died in the step");
        }

        var last = await TestHostProcess.RunAsync("Poison", Database, Ledger);
        Assert.That(last.ExitCode, Is.Zero, last.Errors);
        Assert.That(LedgerLines, Is.EqualTo(new[] { "/Poison#1 1", "/Poison#1 2", "/Poison#1 3" }), "each kill counted as an attempt");
        Assert.That(last.Result, Does.StartWith("RESULT Completed "));
        var failure = System.Text.Json.JsonSerializer.Deserialize<string>(last.Result!["RESULT Completed ".Length..]);
        Assert.That(failure, Does.StartWith("3 Workflows.StepAttemptInterrupted The process stopped while attempt 3 of step '/Poison#1'").And.Contain("Its 3 attempt(s) are used up"),
            "the workflow caught a StepFailedException saying why");
    }

    [Test]
    public async Task Workflow_code_that_kills_every_process_resuming_it_is_suspended_after_MaxRecoveryAttempts_and_runs_again_when_resumed()
    {
        for (var run = 1; run <= 4; run++)
        {
            var crashed = await TestHostProcess.RunAsync("Recover", Database, Ledger);
            Assert.That(crashed.ExitCode, Is.Not.Zero, $"run {run} died in the workflow code: {crashed.Output}");
        }

        var stopped = await TestHostProcess.RunAsync("Recover", Database, Ledger);
        Assert.That(stopped.ExitCode, Is.Zero, stopped.Errors);
        Assert.That(stopped.Result, Does.StartWith("RESULT Suspended Recovered 3 times in a row without progress (MaxRecoveryAttempts is 3)"),
            "the first run is not a recovery; the next three are; the fifth process stops it instead of dying");
        Assert.That(LedgerLines, Is.EqualTo(new[] { "/Once#1 1" }), "its step ran once: the crashes came after it");

        var resumed = await TestHostProcess.RunAsync("Recover", Database, Ledger, crashPoint: "spare");
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Errors);
        Assert.That(resumed.Result, Is.EqualTo("RESULT Completed \"done\""), "ResumeAsync lets it run again");
    }

    [Test]
    public async Task A_one_second_schedule_killed_and_restarted_starts_every_second_once_with_none_missed()
    {
        var crashed = await TestHostProcess.RunAsync("Schedule", Database, Ledger, crashPoint: "kill");
        Assert.That(crashed.ExitCode, Is.Not.Zero, "the first process died");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var resumed = await TestHostProcess.RunAsync("Schedule", Database, Ledger);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Errors);
        var report = System.Text.Json.JsonDocument.Parse(resumed.Result!["RESULT ".Length..]).RootElement;
        var runs = report.GetProperty("Runs").EnumerateArray().Select(r => r.GetString()!).ToList();
        var times = runs.Select(id => DateTime.Parse(id["beat@".Length..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)).ToList();

        Assert.That(report.GetProperty("MissedRuns").GetInt64(), Is.Zero, "the downtime was inside the catch-up window");
        Assert.That(report.GetProperty("StartedRuns").GetInt64(), Is.EqualTo(runs.Count), "the schedule counted each run it started once");
        Assert.That(runs.Count, Is.GreaterThanOrEqualTo(6), "three seconds before the kill, two down, three after");
        Assert.That(times.Zip(times.Skip(1), (a, b) => b - a), Is.All.EqualTo(TimeSpan.FromSeconds(1)), "one run per second, none skipped over the kill: " + string.Join(" ", runs));
        var executions = LedgerLines.GroupBy(line => line).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(executions.Keys, Is.EquivalentTo(runs), "every run ran its step");
        Assert.That(executions.Count(e => e.Value > 1), Is.LessThanOrEqualTo(1), "only a step in flight at the kill may have run twice");
    }

    [Test]
    public async Task After_a_kill_inside_a_fan_out_only_the_items_in_flight_run_again()
    {
        var crashed = await TestHostProcess.RunAsync("Map", Database, Ledger, crashPoint: "/MapAsync#1[9]/B#1");
        Assert.That(crashed.ExitCode, Is.Not.Zero, "the first process died");

        var resumed = await TestHostProcess.RunAsync("Map", Database, Ledger);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Errors);
        Assert.That(resumed.Result, Is.EqualTo($"RESULT Completed {Enumerable.Range(0, 20).Sum(i => i * 11)}"));
        var runs = LedgerLines.GroupBy(line => line.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Count());
        for (var item = 0; item < 20; item++)
        {
            Assert.That(runs[$"/MapAsync#1[{item}]/A#1"], Is.EqualTo(1), $"item {item}: step A was durable before the kill");
            Assert.That(runs[$"/MapAsync#1[{item}]/B#1"], Is.EqualTo(item is >= 6 and <= 9 ? 2 : 1),
                $"item {item}: only the four items in flight at the kill ran step B again");
        }
    }

    [Test]
    public async Task After_a_kill_in_the_second_of_three_fan_outs_earlier_results_are_kept_and_the_rest_runs()
    {
        var crashed = await TestHostProcess.RunAsync("Rounds", Database, Ledger, crashPoint: "/MapAsync#2[2]/Square#1");
        Assert.That(crashed.ExitCode, Is.Not.Zero);

        var resumed = await TestHostProcess.RunAsync("Rounds", Database, Ledger);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Errors);
        Assert.That(resumed.Result, Is.EqualTo("RESULT Completed \"14,28,42\""));
        var runs = LedgerLines.GroupBy(line => line.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(runs, Has.Count.EqualTo(9), "three rounds of three items, each with its own operation IDs: " + string.Join(" ", LedgerLines));
        Assert.That(runs.Where(r => r.Value > 1).Select(r => r.Key), Is.EqualTo(new[] { "/MapAsync#2[2]/Square#1" }),
            "only the item in flight at the kill ran twice");
    }

    [Test]
    public async Task A_second_process_cannot_open_a_file_in_use()
    {
        var crashed = await TestHostProcess.RunAsync("Sequential", Database, Ledger, crashPoint: "/Add#1");
        Assert.That(crashed.ExitCode, Is.Not.Zero);

        // A killed process leaves its lock file behind, but not its lock: the next process opens the store.
        await using (var engine = WorkflowEngine.Open(Database))
        {
            var blocked = await TestHostProcess.RunAsync("Sequential", Database, Ledger);
            Assert.That(blocked.ExitCode, Is.Not.Zero);
            Assert.That(blocked.Errors, Does.Contain("CheckpointStoreException").And.Contain("in use by another process"));
        }
    }
}
