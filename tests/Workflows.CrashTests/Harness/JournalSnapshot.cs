using Workflows.Storage;
using Workflows.Storage.LiteDb;

namespace Workflows.CrashTests.Harness;

/// <summary>What the store held at one moment (read after a kill, when no process holds the file).</summary>
public sealed class JournalSnapshot
{
    public JournalSnapshot(Dictionary<OperationRef, Outcome> outcomes, Dictionary<string, InstanceRecord> instances)
    {
        Outcomes = outcomes;
        Instances = instances;
    }

    private const string RecoveriesRecord = "!recoveries";

    /// <summary>Every finished operation (completed or failed for good) of every execution still stored.</summary>
    public IReadOnlyDictionary<OperationRef, Outcome> Outcomes { get; }

    public IReadOnlyDictionary<string, InstanceRecord> Instances { get; }

    /// <summary>Reads a LiteDB file (no process may hold it).</summary>
    public static async Task<JournalSnapshot> ReadAsync(string database)
    {
        if (!File.Exists(database)) return new JournalSnapshot([], new Dictionary<string, InstanceRecord>(StringComparer.Ordinal));
        await using var store = LiteDbCheckpointStore.Open(database);
        return await ReadAsync(store);
    }

    /// <summary>Reads every instance and every finished operation of <paramref name="store"/>.</summary>
    public static async Task<JournalSnapshot> ReadAsync(ICheckpointStore store)
    {
        var outcomes = new Dictionary<OperationRef, Outcome>();
        var instances = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        foreach (var instance in await store.ListInstancesAsync())
        {
            instances[instance.InstanceId] = instance;
            for (var execution = 1; execution <= instance.Execution; execution++)
            {
                foreach (var entry in await store.LoadJournalAsync(instance.InstanceId, execution))
                {
                    // The count of recoveries is bookkeeping the engine rewrites at each one, not an outcome.
                    if (entry.OperationId == RecoveriesRecord) continue;
                    if (entry.Status is JournalEntryStatus.Completed or JournalEntryStatus.Failed)
                        outcomes[new OperationRef(entry.InstanceId, entry.Execution, entry.OperationId)] = new Outcome(entry.Status, entry.Result, entry.CompletionIndex);
                }
            }
        }
        return new JournalSnapshot(outcomes, instances);
    }
}

public readonly record struct OperationRef(string InstanceId, int Execution, string OperationId);

public readonly record struct Outcome(JournalEntryStatus Status, string? Result, long CompletionIndex);
