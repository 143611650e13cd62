using BenchmarkDotNet.Attributes;
using Temporalio.Common;

namespace Workflows.Benchmarks.Replay;

/// <summary>The P3 workloads under BenchmarkDotNet, with allocations: our replay at 1,000 and 10,000 steps.</summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private string _directory = null!;
    private ReplayWorkload _workload = null!;

    [Params(1_000, 10_000)]
    public int Steps { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "workflows-bdn", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _workload = await ReplayWorkload.CreateAsync(Path.Combine(_directory, "replay.db"), Steps);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _workload.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<TimeSpan> LoadJournal() => _workload.LoadJournalAsync();

    [Benchmark]
    public Task<TimeSpan> LoadAndReplay() => _workload.ReplayAsync();
}

/// <summary>Temporal's replayer at 1,000, 3,000 and 10,000 activities: a few single runs each, it takes seconds per replay at 10,000.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class TemporalReplayBenchmarks
{
    private WorkflowHistory _history = null!;

    [Params(1_000, 3_000, 10_000)]
    public int Activities { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await TemporalReplay.ValidateAsync(Math.Min(Activities, 1_000));
        _history = TemporalHistory.Build(Activities);
    }

    [Benchmark]
    public Task<TimeSpan> TemporalReplayer() => TemporalReplay.ReplayAsync(_history);
}
