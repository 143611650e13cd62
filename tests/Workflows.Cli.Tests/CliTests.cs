using System.Text.Json;

namespace Workflows.Cli.Tests;

public sealed class CliTests : TempDirectoryTest
{
    private string Database => Path.Combine(TestDirectory, "shop.db");

    private static string ThisAssembly => typeof(ShopWorkflows).Assembly.Location;

    private async Task SeedAsync()
    {
        await using var engine = WorkflowEngine.Open(Database);
        Assert.That(await engine.Client.RunShipAsync([new Parcel("BOOK", 3), new Parcel("LAMP", 4)], instanceId: "ship-1"), Is.EqualTo("label:7".Length + 14));
        Assert.That(await engine.Client.RunGreetAsync("ada", instanceId: "greet-1"), Is.EqualTo("hello ada"));
    }

    [Test]
    public async Task List_shows_every_instance_and_filters_by_status()
    {
        await SeedAsync();

        var all = await CliRun.InvokeAsync("list", Database);
        Assert.That(all.ExitCode, Is.Zero, all.Error);
        Assert.That(all.Output, Does.Contain("ship-1").And.Contain("greet-1").And.Contain("ship-1::sub::1:/Insure#1").And.Contain("3 instance(s)"));

        var failed = await CliRun.InvokeAsync("list", Database, "--status", "failed");
        Assert.That(failed.Output, Does.Contain("No instances."));
        var completed = await CliRun.InvokeAsync("list", Database, "--status", "Completed");
        Assert.That(completed.Output, Does.Contain("3 instance(s)"));
    }

    [Test]
    public async Task Show_prints_the_outcome_and_the_operation_tree_with_map_items_and_child_ids()
    {
        await SeedAsync();

        var shown = await CliRun.InvokeAsync("show", Database, "ship-1");

        Assert.That(shown.ExitCode, Is.Zero, shown.Error);
        Assert.That(shown.Output, Does.Contain("Completed").And.Contain("Output").And.Contain("21"));
        var lines = shown.Output.Split('\n');
        int Line(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.That(Line("/MapAsync#1  fan-out MapAsync"), Is.GreaterThan(0));
        Assert.That(Line("/MapAsync#1[0]/Weigh#1"), Is.GreaterThan(Line("/MapAsync#1[0]  item [0]")), "an item's steps hang under the item");
        Assert.That(lines[Line("/Insure#1")], Does.Contain("→ child ship-1::sub::1:/Insure#1"));

        var withReplay = await CliRun.InvokeAsync("show", Database, "ship-1", "--assembly", ThisAssembly);
        Assert.That(withReplay.Output, Does.Match(@"Replay compatible: \d+ recorded outcome\(s\) of execution 1 replayed in [\d.]+ ms"));
    }

    [Test]
    public async Task History_json_is_the_instance_and_its_raw_journal_in_recorded_order()
    {
        await SeedAsync();

        var history = await CliRun.InvokeAsync("history", Database, "greet-1", "--json");

        Assert.That(history.ExitCode, Is.Zero, history.Error);
        using var json = JsonDocument.Parse(history.Output);
        Assert.That(json.RootElement.GetProperty("format").GetString(), Is.EqualTo("workflows-history/1"));
        Assert.That(json.RootElement.GetProperty("instance").GetProperty("instanceId").GetString(), Is.EqualTo("greet-1"));
        var entries = json.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.That(entries.Select(e => e.GetProperty("operationId").GetString()), Is.EqualTo(new[] { "/Hello#1" }));
        Assert.That(entries[0].GetProperty("result").GetString(), Is.EqualTo("hello ada"));
        Assert.That(entries[0].GetProperty("status").GetString(), Is.EqualTo("completed"));
    }

    [Test]
    public async Task Replay_against_the_same_code_is_compatible()
    {
        await SeedAsync();

        var replay = await CliRun.InvokeAsync("replay", Database, "ship-1", "--assembly", ThisAssembly);

        Assert.That(replay.ExitCode, Is.Zero, replay.Error);
        Assert.That(replay.Output, Does.Contain("Compatible").And.Contain("runs to its end"));
    }

    [Test]
    public async Task Replay_against_changed_code_fails_naming_the_operation()
    {
        // An instance recorded by an older version of Greet that called another step.
        await using (var engine = WorkflowEngine.Open(Database, o =>
        {
            o.IncludeGeneratedWorkflows = false;
            o.Workflows.Add<string, string>("Greet", async name => await Workflow.RunStepAsync("Bonjour", null, _ => Task.FromResult($"bonjour {name}")));
        }))
        {
            await engine.Client.RunAsync<string, string>("Greet", "ada", new() { InstanceId = "old-greet" });
        }

        var replay = await CliRun.InvokeAsync("replay", Database, "old-greet", "--assembly", ThisAssembly);

        Assert.That(replay.ExitCode, Is.EqualTo(4));
        Assert.That(replay.Output, Does.Contain("Incompatible"));
        Assert.That(replay.Error, Does.Contain("/Bonjour#1"));
    }

    [Test]
    public async Task Replay_reports_a_missing_assembly_or_workflow()
    {
        await using (var engine = WorkflowEngine.Open(Database, o =>
        {
            o.IncludeGeneratedWorkflows = false;
            o.Workflows.Add<int, int>("Retired", n => Task.FromResult(n));
        }))
        {
            await engine.Client.RunAsync<int, int>("Retired", 1, new() { InstanceId = "retired-1" });
        }

        var noFile = await CliRun.InvokeAsync("replay", Database, "retired-1", "--assembly", Path.Combine(TestDirectory, "missing.dll"));
        Assert.That(noFile.ExitCode, Is.EqualTo(5));
        Assert.That(noFile.Error, Does.Contain("No assembly at"));

        var noWorkflow = await CliRun.InvokeAsync("replay", Database, "retired-1", "--assembly", ThisAssembly);
        Assert.That(noWorkflow.ExitCode, Is.EqualTo(5));
        Assert.That(noWorkflow.Error, Does.Contain("Retired"));
    }

    [Test]
    public async Task Purge_deletes_old_finished_instances_and_a_dry_run_deletes_nothing()
    {
        await SeedAsync();

        var dry = await CliRun.InvokeAsync("purge", Database, "--older-than", "0s", "--dry-run");
        Assert.That(dry.Output, Does.Contain("3 instance(s) would be purged"));
        var young = await CliRun.InvokeAsync("purge", Database, "--older-than", "30d");
        Assert.That(young.Output, Does.Contain("Purged 0 instance(s)"));
        var purged = await CliRun.InvokeAsync("purge", Database, "--older-than", "0s", "--status", "completed");
        Assert.That(purged.ExitCode, Is.Zero, purged.Error);
        Assert.That(purged.Output, Does.Contain("Purged 3 instance(s)"));
        Assert.That((await CliRun.InvokeAsync("list", Database)).Output, Does.Contain("No instances."));
    }

    [Test]
    public async Task Bad_arguments_are_usage_errors()
    {
        await SeedAsync();

        var age = await CliRun.InvokeAsync("purge", Database, "--older-than", "soon");
        Assert.That(age.ExitCode, Is.EqualTo(1));
        Assert.That(age.Error, Does.Contain("'soon' is not an age"));
        var running = await CliRun.InvokeAsync("purge", Database, "--older-than", "1d", "--status", "running");
        Assert.That(running.ExitCode, Is.EqualTo(1));
        Assert.That(running.Error, Does.Contain("never purged"));
        var nowhere = await CliRun.InvokeAsync("list");
        Assert.That(nowhere.ExitCode, Is.EqualTo(1), "a source is required");
        Assert.That(nowhere.Error, Does.Contain("exactly one"));
    }

    [Test]
    public async Task An_unknown_instance_exits_2()
    {
        await SeedAsync();

        foreach (var command in new[] { "show", "history" })
        {
            var run = await CliRun.InvokeAsync(command, Database, "nope");
            Assert.That(run.ExitCode, Is.EqualTo(2), command);
            Assert.That(run.Error, Does.Contain("No workflow instance 'nope'"));
        }
    }

    [Test]
    public async Task A_store_held_by_a_running_engine_exits_3_and_says_so()
    {
        await using var engine = WorkflowEngine.Open(Database);
        await engine.Ready;

        var run = await CliRun.InvokeAsync("list", Database);

        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Error, Does.Contain("in use by another process"));
    }

    [Test]
    public async Task A_corrupt_or_missing_file_exits_3_and_is_left_as_it_was()
    {
        var garbage = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 31 % 251)).ToArray();
        await File.WriteAllBytesAsync(Database, garbage);

        var corrupt = await CliRun.InvokeAsync("list", Database);
        Assert.That(corrupt.ExitCode, Is.EqualTo(3));
        Assert.That(corrupt.Error, Does.Contain("cannot be read"));
        Assert.That(await File.ReadAllBytesAsync(Database), Is.EqualTo(garbage), "the file was not touched");

        var missing = await CliRun.InvokeAsync("list", Path.Combine(TestDirectory, "none.db"));
        Assert.That(missing.ExitCode, Is.EqualTo(3));
        Assert.That(missing.Error, Does.Contain("does not exist"));
        Assert.That(File.Exists(Path.Combine(TestDirectory, "none.db")), Is.False, "no empty store was created");
    }
}
