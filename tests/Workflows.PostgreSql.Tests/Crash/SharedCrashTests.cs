using Workflows.CrashTests.Tests;

namespace Workflows.PostgreSql.Tests.Crash;

/// <summary>
/// The quick variant of the multi-worker crash harness: three worker processes on one database, random ones
/// SIGKILLed while the others run. The full run is
/// `dotnet run -c Release --project tests/Workflows.CrashTests -- --postgres CONNECTION --runs 40`, with its figures in
/// docs/reliability.md.
/// </summary>
[Category("Crash")]
public sealed class SharedCrashTests
{
    [Test]
    public async Task Killing_random_workers_of_three_loses_nothing_duplicates_nothing_and_every_instance_finishes()
    {
        var (exitCode, output) = await HarnessProcess.RunAsync("--postgres", PostgresServer.ConnectionString, "--workers", "3", "--runs", "4", "--seed", "1");

        HarnessProcess.AssertClean(exitCode, output, minKills: 4);
    }
}
