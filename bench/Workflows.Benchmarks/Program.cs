using System.Runtime.CompilerServices;
using BenchmarkDotNet.Running;
using Workflows.Benchmarks;

// dotnet run -c Release --project bench/Workflows.Benchmarks -- quick   prints the goal ratios (P1-P7) and allocations
// dotnet run -c Release --project bench/Workflows.Benchmarks -- throughput  prints only the commit throughput measures (P1, P2)
// dotnet run -c Release --project bench/Workflows.Benchmarks -- replay  prints only the replay measures (P3, P3scale, P3b)
// dotnet run -c Release --project bench/Workflows.Benchmarks -- fanout  prints only the fan-out replay measure (P4)
// dotnet run -c Release --project bench/Workflows.Benchmarks -- interaction  prints only the update and query measures (P11, P12)
// dotnet run -c Release --project bench/Workflows.Benchmarks -- p7      prints only the PostgreSQL scale-out measures (P7, failover)
// dotnet run -c Release --project bench/Workflows.Benchmarks -- dashboard  prints only the dashboard measures (P15)
// dotnet run -c Release --project bench/Workflows.Benchmarks -- durabletask  prints only the durabletask-dotnet comparison (P9)
// dotnet run -c Release --project bench/Workflows.Benchmarks            runs the BenchmarkDotNet suites
if (args is ["quick", ..])
{
    await QuickRatios.RunAsync();
    return;
}
if (args is ["throughput", ..])
{
    await QuickRatios.RunThroughputAsync();
    return;
}
if (args is ["replay", ..])
{
    await QuickRatios.RunReplayAsync();
    return;
}
if (args is ["fanout", ..])
{
    await QuickRatios.RunFanOutReplayAsync();
    return;
}
if (args is ["interaction", ..])
{
    await QuickRatios.RunInteractionAsync();
    return;
}
if (args is ["durabletask", ..])
{
    await QuickRatios.RunDurableTaskAsync();
    return;
}
if (args is ["dashboard", ..])
{
    await QuickRatios.RunDashboardAsync();
    return;
}
if (args is ["p7", ..])
{
    await Workflows.Benchmarks.ScaleOut.ScaleOutMeasure.ReportAsync();
    return;
}
if (args is ["p7-worker", var connectionString, var schema])
{
    // Started by P7: one of the worker processes on the shared database.
    await Workflows.Benchmarks.ScaleOut.ScaleOutWorker.RunAsync(connectionString, schema);
    return;
}
if (args is ["p6", var p6Path])
{
    // Run by quick mode in a process of its own, so the working set is this workload's alone.
    await SuspendedMemory.PrintAsync(p6Path);
    return;
}
RunSuites(args);

// Separate so that the quick and P6 processes never load BenchmarkDotNet, whose assemblies would count in P6.
[MethodImpl(MethodImplOptions.NoInlining)]
static void RunSuites(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Scenarios).Assembly).Run(args);
