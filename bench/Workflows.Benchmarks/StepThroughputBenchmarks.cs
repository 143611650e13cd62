using BenchmarkDotNet.Attributes;

namespace Workflows.Benchmarks;

/// <summary>The P1/P2 workloads under BenchmarkDotNet, with allocations.</summary>
[MemoryDiagnoser]
public class StepThroughputBenchmarks
{
    private string _directory = null!;
    private WorkflowEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "workflows-bdn", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _engine = Scenarios.OpenEngine(Path.Combine(_directory, "engine.db"));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _engine.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string Fresh() => Path.Combine(_directory, $"{Guid.NewGuid():N}.db");

    [Benchmark(Baseline = true, OperationsPerInvoke = 200)]
    public int RawLiteDbDurableSingleInserts() => Scenarios.RawDurableSingleInserts(Fresh(), 200);

    [Benchmark(OperationsPerInvoke = 200)]
    public int RawLiteDbSingleInserts() => Scenarios.RawSingleInserts(Fresh(), 200);

    [Benchmark(OperationsPerInvoke = 200)]
    public Task<int> SequentialDurableSteps() => Scenarios.SequentialStepsAsync(_engine, 200);

    [Benchmark(OperationsPerInvoke = 2000)]
    public int RawLiteDbDurableBatchedInserts() => Scenarios.RawDurableBatchedInserts(Fresh(), 2000, 100);

    [Benchmark(OperationsPerInvoke = 2000)]
    public int RawLiteDbBatchedInserts() => Scenarios.RawBatchedInserts(Fresh(), 2000, 100);

    [Benchmark(OperationsPerInvoke = 2000)]
    public Task<int> ConcurrentDurableSteps() => Scenarios.ConcurrentStepsAsync(_engine, 100, 20);
}
