namespace Workflows.Cli.Tests;

/// <summary><c>workflows schedules</c> on a LiteDB file: the schedules an app made, read without running anything.</summary>
public sealed class SchedulesTests : TempDirectoryTest
{
    private string Database => Path.Combine(TestDirectory, "shop.db");

    [Test]
    public async Task Schedules_lists_every_schedule_and_shows_one_with_its_runs()
    {
        await using (var engine = WorkflowEngine.Open(Database))
        {
            await engine.Schedules.CreateAsync("greet-nightly", ScheduleSpec.Cron("0 3 * * *", "Europe/Berlin"), new ScheduleAction("Greet", "ada"));
            await engine.Schedules.CreateAsync("greet-often", ScheduleSpec.Every(TimeSpan.FromMinutes(5)), new ScheduleAction("Greet", "bob"),
                new ScheduleOptions { Paused = true, Note = "not yet" });
            var run = await engine.Schedules.TriggerAsync("greet-nightly");
            await engine.Client.WaitForCompletionAsync(run.InstanceId).WaitAsync(TimeSpan.FromSeconds(30));
            await engine.Schedules.DeleteAsync("greet-often");
            await engine.Schedules.CreateAsync("greet-often", ScheduleSpec.Every(TimeSpan.FromMinutes(5)), new ScheduleAction("Greet", "bob"),
                new ScheduleOptions { Paused = true, Note = "not yet" });
        }

        var list = await CliRun.InvokeAsync("schedules", Database);
        Assert.That(list.ExitCode, Is.EqualTo(0), list.Error);
        Assert.That(list.Output, Does.Contain("greet-nightly").And.Contain("cron '0 3 * * *' Europe/Berlin").And.Contain("active"));
        Assert.That(list.Output, Does.Contain("greet-often").And.Contain("every 00:05:00").And.Contain("paused"));

        var show = await CliRun.InvokeAsync("schedules", Database, "--id", "greet-nightly");
        Assert.That(show.ExitCode, Is.EqualTo(0), show.Error);
        Assert.That(show.Output, Does.Contain("Greet with \"ada\"").And.Contain("1 started").And.Contain("Started").And.Contain("greet-nightly@").And.Contain("triggered"));

        var json = await CliRun.InvokeAsync("schedules", Database, "--json");
        var schedules = System.Text.Json.JsonDocument.Parse(json.Output).RootElement;
        Assert.That(schedules.EnumerateArray().Select(s => s.GetProperty("scheduleId").GetString()), Is.EqualTo(new[] { "greet-nightly", "greet-often" }));

        var missing = await CliRun.InvokeAsync("schedules", Database, "--id", "nope");
        Assert.That((missing.ExitCode, missing.Error), Is.EqualTo((2, missing.Error)));
        Assert.That(missing.Error, Does.Contain("No schedule has the ID 'nope'"));
    }
}
