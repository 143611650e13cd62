using System.Diagnostics;
using Workflows.Storage.LiteDb;

namespace Workflows.Benchmarks.Replay;

/// <summary>
/// A LiteDB store holding one completed instance of N sequential steps with int inputs and results, recorded live
/// by the engine; replayed with <see cref="WorkflowReplayer"/> (load from LiteDB, re-execute, return the result).
/// </summary>
public sealed class ReplayWorkload : IAsyncDisposable
{
    private const string InstanceId = "sequence-1";
    private readonly LiteDbCheckpointStore _store;
    private readonly WorkflowEngineOptions _options;

    private ReplayWorkload(LiteDbCheckpointStore store, WorkflowEngineOptions options, int steps)
    {
        _store = store;
        _options = options;
        Steps = steps;
    }

    public int Steps { get; }

    private static WorkflowEngineOptions Options()
    {
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false };
        Scenarios.AddSequential(options.Workflows);
        return options;
    }

    public static async Task<ReplayWorkload> CreateAsync(string path, int steps)
    {
        await using (var engine = WorkflowEngine.Create(Options().UseLiteDb(path)))
            await engine.Client.RunAsync<int, int>(Scenarios.SequentialWorkflow, steps, new StartWorkflowOptions { InstanceId = InstanceId });
        return new ReplayWorkload(LiteDbCheckpointStore.Open(path), Options(), steps);
    }

    /// <summary>One replay of the stored instance: checked compatible and run to its end.</summary>
    public async Task<TimeSpan> ReplayAsync()
    {
        var watch = Stopwatch.StartNew();
        var result = await WorkflowReplayer.ReplayAsync(_store, InstanceId, _options);
        watch.Stop();
        if (!result.IsCompatible || !result.Finished || result.ReplayedOperations != Steps)
            throw new InvalidOperationException($"The replay did not reproduce the instance: {result.Incompatibility}");
        return watch.Elapsed;
    }

    /// <summary>Only reading and deserializing the journal documents: the floor a replay builds on.</summary>
    public async Task<TimeSpan> LoadJournalAsync()
    {
        var watch = Stopwatch.StartNew();
        var journal = await _store.LoadJournalAsync(InstanceId, 1);
        watch.Stop();
        if (journal.Count != Steps) throw new InvalidOperationException($"Expected {Steps} journal entries, read {journal.Count}.");
        return watch.Elapsed;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
