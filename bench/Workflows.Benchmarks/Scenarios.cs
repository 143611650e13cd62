using LiteDB;
using Workflows;
using Workflows.Storage.LiteDb;

namespace Workflows.Benchmarks;

/// <summary>The measured workloads, shared by the quick ratio mode and the BenchmarkDotNet suites.</summary>
public static class Scenarios
{
    public const string SequentialWorkflow = "Sequential";

    public static WorkflowEngine OpenEngine(string path) => WorkflowEngine.Open(path, options => AddSequential(options.Workflows));

    /// <summary>The workflow of N sequential steps, each with an int input and an int result.</summary>
    public static void AddSequential(WorkflowRegistry workflows) =>
        workflows.Add<int, int>(SequentialWorkflow, async steps =>
        {
            var total = 0;
            for (var i = 0; i < steps; i++)
            {
                var n = i;
                total += await Workflow.RunStepAsync("Step", null, _ => Task.FromResult(n));
            }
            return total;
        });

    /// <summary>One workflow of <paramref name="steps"/> sequential steps; returns the steps run.</summary>
    public static async Task<int> SequentialStepsAsync(WorkflowEngine engine, int steps)
    {
        await engine.Client.RunAsync<int, int>(SequentialWorkflow, steps);
        return steps;
    }

    /// <summary><paramref name="workflows"/> concurrent workflows of <paramref name="steps"/> steps each; returns the steps run.</summary>
    public static async Task<int> ConcurrentStepsAsync(WorkflowEngine engine, int workflows, int steps)
    {
        var handles = await Task.WhenAll(Enumerable.Range(0, workflows).Select(_ => engine.Client.StartAsync<int, int>(SequentialWorkflow, steps)));
        await Task.WhenAll(handles.Select(h => h.GetResultAsync()));
        return workflows * steps;
    }

    /// <summary>A document the size of a journal entry.</summary>
    public static BsonDocument JournalLikeDocument(int i) => new()
    {
        ["_id"] = $"instance-{i / 20:D6}\u001f000001\u001f/Step#{i % 20 + 1}",
        ["id"] = $"instance-{i / 20:D6}",
        ["ex"] = 1,
        ["op"] = $"/Step#{i % 20 + 1}",
        ["k"] = 0,
        ["n"] = "Step",
        ["sc"] = "",
        ["sq"] = i % 20 + 1,
        ["st"] = 1,
        ["ci"] = (long)(i % 20 + 1),
        ["r"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["err"] = BsonValue.Null,
        ["at"] = 1,
        ["na"] = BsonValue.Null,
        ["ra"] = DateTime.UtcNow.Ticks,
    };

    /// <summary>
    /// Raw LiteDB with its own commit, one document per transaction. LiteDB 5 returns from a commit before its log
    /// pages are written (it syncs when its page writer runs dry), so these transactions are not known to be durable.
    /// </summary>
    public static int RawSingleInserts(string path, int documents)
    {
        using var db = OpenRaw(path);
        var collection = db.GetCollection("journal");
        for (var i = 0; i < documents; i++) collection.Insert(JournalLikeDocument(i));
        return documents;
    }

    /// <summary>Raw LiteDB, one document per transaction, each on disk before the next starts (as the store commits).</summary>
    public static int RawDurableSingleInserts(string path, int documents) => RawDurableBatchedInserts(path, documents, 1);

    /// <summary>Raw LiteDB with its own commit, <paramref name="perTransaction"/> documents per transaction.</summary>
    public static int RawBatchedInserts(string path, int documents, int perTransaction)
    {
        using var db = OpenRaw(path);
        var collection = db.GetCollection("journal");
        for (var i = 0; i < documents; i += perTransaction)
        {
            db.BeginTrans();
            for (var j = i; j < Math.Min(documents, i + perTransaction); j++) collection.Insert(JournalLikeDocument(j));
            db.Commit();
        }
        return documents;
    }

    /// <summary>Raw LiteDB, <paramref name="perTransaction"/> documents per transaction, each on disk before the next starts.</summary>
    public static int RawDurableBatchedInserts(string path, int documents, int perTransaction)
    {
        using var durable = DurableLiteDatabase.Open(path, password: null);
        var db = durable.Database;
        var collection = db.GetCollection("journal");
        for (var i = 0; i < documents; i += perTransaction)
        {
            db.BeginTrans();
            for (var j = i; j < Math.Min(documents, i + perTransaction); j++) collection.Insert(JournalLikeDocument(j));
            db.Commit();
            durable.MakeCommitDurable();
        }
        return documents;
    }

    private static LiteDatabase OpenRaw(string path) =>
        new(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
}
