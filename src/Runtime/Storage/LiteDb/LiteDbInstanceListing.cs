using LiteDB;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// Instance listing on LiteDB's indexes: a parent's children through the parent index, a rare status through the
/// status index, everything else by walking the creation-time index newest first, so a page reads about as many
/// instances as it shows (plus those a filter skips) instead of all of them.
/// </summary>
internal static class LiteDbInstanceListing
{
    /// <summary>The instances that match <paramref name="query"/>, newest first, read lazily.</summary>
    public static IEnumerable<InstanceRecord> Matches(ILiteCollection<BsonDocument> instances, InstanceQuery query)
    {
        if (query.ParentInstanceId is { } parent)
        {
            var children = instances.Find(Query.EQ("pid", parent)).Select(LiteDbDocuments.ToInstance).Where(query.Matches).ToList();
            children.Sort(InstanceCursor.NewestFirst);
            return children;
        }
        // A rare status (the failed among many completed) is found through its index and sorted here; a common one
        // by walking the creation index, where the first page is near the top.
        if (query.Status is { } status && instances.Count(Query.EQ("st", (int)status)) <= SortInMemoryUpTo)
        {
            var matching = instances.Find(Query.EQ("st", (int)status)).Select(LiteDbDocuments.ToInstance).Where(query.Matches).ToList();
            matching.Sort(InstanceCursor.NewestFirst);
            return matching;
        }
        return NewestFirst(instances, query);
    }

    // Reading this many documents costs about what walking the creation index past as many non-matching ones does.
    private const int SortInMemoryUpTo = 2_000;

    /// <summary>Counts by workflow and status and per-minute starts and ends, reading only the fields they need.</summary>
    public static InstanceStatistics Statistics(ILiteCollection<BsonDocument> instances, DateTime since)
    {
        var fields = instances.Query().Select("{ id: $.id, wf: $.wf, st: $.st, ca: $.ca, fa: $.fa }").ToEnumerable();
        return InstanceStatistics.Of(fields.Select(d => new InstanceRecord
        {
            InstanceId = d["id"].AsString,
            WorkflowName = d["wf"].AsString,
            Status = (WorkflowStatus)d["st"].AsInt32,
            CreatedAt = new DateTime(d["ca"].AsInt64, DateTimeKind.Utc),
            CompletedAt = d["fa"].IsNull ? null : new DateTime(d["fa"].AsInt64, DateTimeKind.Utc),
        }), since);
    }

    private static IEnumerable<InstanceRecord> NewestFirst(ILiteCollection<BsonDocument> instances, InstanceQuery query)
    {
        var newest = Math.Min(query.After?.CreatedAt.Ticks ?? long.MaxValue, (query.CreatedBefore?.Ticks ?? long.MaxValue) - 1);
        var oldest = query.CreatedFrom?.Ticks ?? long.MinValue;
        var documents = instances.Query()
            .Where(Query.Between("ca", oldest == long.MinValue ? BsonValue.MinValue : oldest, newest == long.MaxValue ? BsonValue.MaxValue : newest))
            .OrderByDescending("ca")
            .ToEnumerable();
        // The index orders equal creation times by nothing in particular: hold each run of them and order it by ID,
        // so pages split between equal times exactly where the cursor says.
        var run = new List<InstanceRecord>();
        foreach (var document in documents)
        {
            var instance = LiteDbDocuments.ToInstance(document);
            if (run.Count > 0 && run[0].CreatedAt != instance.CreatedAt)
            {
                foreach (var held in Flush(run, query)) yield return held;
            }
            run.Add(instance);
        }
        foreach (var held in Flush(run, query)) yield return held;
    }

    private static List<InstanceRecord> Flush(List<InstanceRecord> run, InstanceQuery query)
    {
        var matches = run.Where(query.Matches).ToList();
        matches.Sort(InstanceCursor.NewestFirst);
        run.Clear();
        return matches;
    }
}
