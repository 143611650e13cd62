namespace Workflows.CrashTests.Tests;

/// <summary>
/// The quick variant of the crash harness: real worker processes SIGKILLed at seeded random moments. The full run
/// (200 kills) is `dotnet run -c Release --project tests/Workflows.CrashTests -- --runs 150 --seed 1`, documented
/// with its figures in docs/reliability.md.
/// </summary>
[Category("Crash")]
public sealed class CrashHarnessTests
{
    [Test]
    public async Task Seeded_kills_lose_nothing_duplicate_nothing_and_every_instance_finishes_as_uninterrupted()
    {
        var (exitCode, output) = await HarnessProcess.RunAsync("--runs", "8", "--seed", "1");

        HarnessProcess.AssertClean(exitCode, output, minKills: 4);
    }

    [Test]
    public async Task A_thousand_instances_started_at_once_all_complete()
    {
        var (exitCode, output) = await HarnessProcess.RunAsync("--load", "--instances", "1000");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(HarnessProcess.Figure(output, "load ", "completed"), Is.EqualTo("1000"), output);
    }
}
