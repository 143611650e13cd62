using Workflows.CrashTests;
using Workflows.CrashTests.Harness;

// dotnet run -c Release --project tests/Workflows.CrashTests -- [--runs N] [--seed S] [--max-kill-delay MS] [--keep]
//   kills the workload's worker at seeded random moments and checks the invariants; ends with
//   "crash runs=N kills=K lost=0 duplicated=0 unfinished=0 reexecuted=R".
// dotnet run -c Release --project tests/Workflows.CrashTests -- --load [--instances N]
//   starts N instances (default 1,000) at once and prints time, peak memory and peak threads.
// dotnet run -c Release --project tests/Workflows.CrashTests -- --postgres CONNECTION [--workers 3] [--runs N] [--seed S]
//   the same with several worker processes on one PostgreSQL database, killing random workers while the others run.
// (worker <db> <ledger> and shared-worker <connection> <schema> <ledger> are the processes the harness starts and kills.)
if (args is ["worker", var database, var ledger]) return await Worker.RunAsync(database, ledger);
if (args is ["shared-worker", var connection, var schema, var sharedLedger]) return await Worker.RunSharedAsync(connection, schema, sharedLedger);

var options = HarnessOptions.Parse(args);
var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "workflows-crash-" + Guid.NewGuid().ToString("N"))).FullName;
try
{
    if (options.Load)
    {
        var figures = await LoadTest.RunAsync(work, options.Instances, TimeSpan.FromMinutes(5));
        Console.WriteLine(figures);
        return figures.Completed == figures.Instances ? 0 : 1;
    }

    Console.WriteLine($"crash harness: runs={options.Runs} seed={options.Seed}{(options.Postgres is null ? "" : $" workers={options.Workers} on PostgreSQL")}, work in {work}");
    var results = options.Postgres is { } postgres
        ? await new SharedCrashHarness(work, postgres, options.Workers, Console.Out).RunAsync(options.Runs, options.Seed, options.MaxKillDelayMs)
        : await new CrashHarness(work, Console.Out).RunAsync(options.Runs, options.Seed, options.MaxKillDelayMs);
    Console.WriteLine(
        $"crash runs={results.Count} kills={results.Sum(r => r.Kills)} lost={results.Sum(r => r.Lost)} duplicated={results.Sum(r => r.Duplicated)} " +
        $"unfinished={results.Sum(r => r.Unfinished)} reexecuted={results.Sum(r => r.Reexecuted)} results={(results.All(r => r.ResultsMatch) ? "equal" : "DIFFERENT")}");
    return results.All(r => r.Passed) ? 0 : 1;
}
finally
{
    if (!options.Keep)
    {
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }
}
