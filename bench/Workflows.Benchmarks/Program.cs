using BenchmarkDotNet.Running;
using Workflows.Benchmarks;

// dotnet run -c Release --project bench/Workflows.Benchmarks -- quick   prints the goal ratios (P1, P2, P4, P5, P6)
// dotnet run -c Release --project bench/Workflows.Benchmarks            runs the BenchmarkDotNet suites
if (args is ["quick", ..])
{
    await QuickRatios.RunAsync();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Scenarios).Assembly).Run(args);
