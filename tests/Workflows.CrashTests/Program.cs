using Workflows.CrashTests;
using Workflows.CrashTests.Harness;

// dotnet run -c Release --project tests/Workflows.CrashTests -- [--runs N] [--seed S] [--max-kill-delay MS] [--keep]
//   kills the workload's worker at seeded random moments and checks the invariants; ends with
//   "crash runs=N kills=K lost=0 duplicated=0 unfinished=0 reexecuted=R".
// dotnet run -c Release --project tests/Workflows.CrashTests -- --load [--instances N]
//   starts N instances (default 1,000) at once and prints time, peak memory and peak threads.
// (worker <db> <ledger> is the process the harness starts and kills.)
if (args is ["worker", var database, var ledger]) return await Worker.RunAsync(database, ledger);

var options = HarnessOptions.Parse(args);
var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "workflows-crash", Guid.NewGuid().ToString("N"))).FullName;
try
{
    if (options.Load)
    {
        var figures = await LoadTest.RunAsync(work, options.Instances, TimeSpan.FromMinutes(5));
        Console.WriteLine(figures);
        return figures.Completed == figures.Instances ? 0 : 1;
    }

    Console.WriteLine($"crash harness: runs={options.Runs} seed={options.Seed}, work in {work}");
    var results = await new CrashHarness(work, Console.Out).RunAsync(options.Runs, options.Seed, options.MaxKillDelayMs);
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
