using Workflows.PostgreSql;

namespace Workflows;

/// <summary>Choosing the PostgreSQL checkpoint store for an engine.</summary>
public static class PostgreSqlEngineOptionsExtensions
{
    /// <summary>
    /// Checkpoints to the PostgreSQL database of <paramref name="connectionString"/>, shared with every other engine
    /// that uses the same database and schema: each engine runs the instances it leased, and takes over those of a
    /// worker that died once their leases expire. The schema is created or migrated when the engine opens.
    /// </summary>
    /// <param name="options">The engine options.</param>
    /// <param name="connectionString">The Npgsql connection string of the shared database.</param>
    /// <param name="configure">Sets the schema, lease timings, worker ID and batch size.</param>
    public static WorkflowEngineOptions UsePostgreSql(this WorkflowEngineOptions options, string connectionString, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var storeOptions = new PostgreSqlStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(storeOptions);
        // Opened when the engine is created, like the LiteDB file.
        return options.UseStore(() => PostgreSqlCheckpointStore.OpenAsync(storeOptions).GetAwaiter().GetResult());
    }
}
