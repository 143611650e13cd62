using Npgsql;
using Workflows.Storage;

namespace Workflows.PostgreSql;

/// <summary>
/// The SQL of instance listing: filters as parameters, newest first on the (created_at, instance_id) indexes, one row
/// more than the page so the caller knows whether another page follows.
/// </summary>
internal static class InstanceListing
{
    public static string Sql(InstanceQuery query, string instances, NpgsqlParameterCollection parameters)
    {
        var conditions = new List<string>();
        string Next(Action add)
        {
            add();
            return $"${parameters.Count}";
        }
        if (query.WorkflowName is { } workflow) conditions.Add($"workflow_name = {Next(() => Rows.Add(parameters, workflow))}");
        if (query.Status is { } status) conditions.Add($"status = {Next(() => Rows.Add(parameters, (short)status))}");
        if (query.CreatedFrom is { } from) conditions.Add($"created_at >= {Next(() => Rows.Add(parameters, from.Ticks))}");
        if (query.CreatedBefore is { } before) conditions.Add($"created_at < {Next(() => Rows.Add(parameters, before.Ticks))}");
        if (query.ParentInstanceId is { } parent) conditions.Add($"parent_instance_id = {Next(() => Rows.Add(parameters, parent))}");
        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            // A range on the C-collated key instead of LIKE: no escaping of '%' and '_' in IDs.
            conditions.Add($"instance_id >= {Next(() => Rows.Add(parameters, prefix))}");
            conditions.Add($"left(instance_id, {prefix.Length}) = {Next(() => Rows.Add(parameters, prefix))}");
        }
        if (query.After is { } after)
        {
            var time = Next(() => Rows.Add(parameters, after.CreatedAt.Ticks));
            conditions.Add($"(created_at, instance_id) < ({time}, {Next(() => Rows.Add(parameters, after.InstanceId))})");
        }
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        return $"SELECT {Rows.InstanceColumns} FROM {instances} {where} ORDER BY created_at DESC, instance_id DESC LIMIT {query.Limit + 1}";
    }

    /// <summary>Counts per workflow and status, then starts and ends per minute since $1 (ticks), minutes of $2 ticks.</summary>
    public static string StatisticsSql(string instances) => $"""
        SELECT 0, workflow_name, status, 0::bigint, count(*) FROM {instances} GROUP BY workflow_name, status
        UNION ALL
        SELECT 1, '', 0::smallint, created_at - created_at % $2, count(*) FROM {instances} WHERE created_at >= $1 GROUP BY 4
        UNION ALL
        SELECT 2, '', 0::smallint, completed_at - completed_at % $2, count(*) FROM {instances} WHERE completed_at >= $1 GROUP BY 4
        """;

    public static async Task<InstanceStatistics> ReadStatisticsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var counts = new List<InstanceCount>();
        var started = new SortedDictionary<DateTime, int>();
        var ended = new SortedDictionary<DateTime, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var count = (int)reader.GetInt64(4);
            var minute = new DateTime(reader.GetInt64(3), DateTimeKind.Utc);
            switch (reader.GetInt32(0))
            {
                case 0: counts.Add(new InstanceCount(reader.GetString(1), (WorkflowStatus)reader.GetInt16(2), count)); break;
                case 1: started[minute] = count; break;
                default: ended[minute] = count; break;
            }
        }
        counts.Sort((x, y) => x.WorkflowName != y.WorkflowName ? string.CompareOrdinal(x.WorkflowName, y.WorkflowName) : x.Status.CompareTo(y.Status));
        return new InstanceStatistics(counts, started, ended);
    }
}
