namespace Workflows.Cli.Tests;

/// <summary><c>workflows reset|fork|retry</c> on a LiteDB file: written while the app is stopped, run when it opens the file.</summary>
public sealed class RerunTests : TempDirectoryTest
{
    private string Database => Path.Combine(TestDirectory, "shop.db");

    [Test]
    public async Task Reset_and_fork_are_written_to_the_file_and_run_when_the_engine_opens_it()
    {
        await using (var engine = WorkflowEngine.Open(Database))
            Assert.That(await engine.Client.RunGreetAsync("ada", instanceId: "greet-1"), Is.EqualTo("hello ada"));

        var fork = await CliRun.InvokeAsync("fork", Database, "greet-1", "--from", "/Hello#1", "--as", "greet-2");
        Assert.That(fork.ExitCode, Is.EqualTo(0), fork.Error);
        var reset = await CliRun.InvokeAsync("reset", Database, "greet-1", "--to", "/Hello#1", "--reason", "say it again");
        Assert.That(reset.ExitCode, Is.EqualTo(0), reset.Error);
        Assert.That(reset.Output, Does.Contain("greet-1 execution 2"));
        Assert.That((await CliRun.InvokeAsync("reset", Database, "greet-1", "--to", "/Hello#1")).Error, Does.Contain("it is running"),
            "written, not yet run: a second reset waits for it");

        await using (var engine = WorkflowEngine.Open(Database))
        {
            var again = await engine.Client.WaitForCompletionAsync("greet-1").WaitAsync(TimeSpan.FromSeconds(30));
            Assert.That((again.Status, again.Execution), Is.EqualTo((WorkflowStatus.Completed, 2)));
            Assert.That(await engine.Client.GetResultAsync<string>("greet-2").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("hello ada"));
        }
    }

    [Test]
    public async Task Bad_requests_exit_1_or_2_and_change_nothing()
    {
        await using (var engine = WorkflowEngine.Open(Database))
            await engine.Client.RunGreetAsync("ada", instanceId: "greet-1");

        var retry = await CliRun.InvokeAsync("retry", Database, "greet-1");
        Assert.That(retry.ExitCode, Is.EqualTo(1));
        Assert.That(retry.Error, Does.Contain("only a failed instance is retried"));
        var unknownOperation = await CliRun.InvokeAsync("reset", Database, "greet-1", "--to", "/Nothing#1");
        Assert.That(unknownOperation.ExitCode, Is.EqualTo(1));
        Assert.That(unknownOperation.Error, Does.Contain("no operation '/Nothing#1'").And.Contain("'/Hello#1'"));
        var taken = await CliRun.InvokeAsync("fork", Database, "greet-1", "--from", "/Hello#1", "--as", "greet-1");
        Assert.That(taken.ExitCode, Is.EqualTo(1));
        Assert.That((await CliRun.InvokeAsync("reset", Database, "nobody", "--to", "/Hello#1")).ExitCode, Is.EqualTo(2));

        var show = await CliRun.InvokeAsync("show", Database, "greet-1", "--json");
        Assert.That(show.Output, Does.Contain("\"execution\": 1").Or.Contain("\"execution\":1"), "nothing was written");
    }
}
