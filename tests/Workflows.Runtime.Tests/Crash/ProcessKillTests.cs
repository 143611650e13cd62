namespace Workflows.Runtime.Tests.Crash;

/// <summary>Kills a real worker process at chosen points and checks what the next process makes of the file.</summary>
public sealed class ProcessKillTests
{
    private string _directory = null!;
    private string Database => Path.Combine(_directory, "crash.db");
    private string Ledger => Path.Combine(_directory, "ledger.txt");

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_directory = Path.Combine(Path.GetTempPath(), "workflows-crash-tests", Guid.NewGuid().ToString("N")));

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
        Assert.That(LedgerLines, Is.EqualTo(new[] { "/Add#1 1", "/Add#2 1", "/Add#3 1", "/Add#4 1", "/Add#4 1", "/Add#5 1" }),
            "steps 1-3 were durable and ran once; step 4 was in flight at the kill and ran again");
    }

    [Test]
    public async Task A_kill_during_retries_does_not_reset_the_retry_budget()
    {
        var crashed = await TestHostProcess.RunAsync("Flaky", Database, Ledger, crashPoint: "attempt-2");
        Assert.That(crashed.ExitCode, Is.Not.Zero);

        var resumed = await TestHostProcess.RunAsync("Flaky", Database, Ledger);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Errors);
        Assert.That(resumed.Result, Is.EqualTo("RESULT Completed \"3 System.InvalidOperationException attempt 3 failed\""));
        Assert.That(LedgerLines, Is.EqualTo(new[] { "/Flaky#1 1", "/Flaky#1 2", "/Flaky#1 2", "/Flaky#1 3" }),
            "the journaled failure of attempt 1 survived; the attempt cut short by the kill ran again; the budget of 3 held");
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
