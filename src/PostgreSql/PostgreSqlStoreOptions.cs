namespace Workflows.PostgreSql;

/// <summary>How a <see cref="PostgreSqlCheckpointStore"/> connects, names its tables and keeps its leases.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The Npgsql connection string of the database every worker shares.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The schema that holds the store's tables (created when missing). Workers share instances only when they use
    /// the same schema; lower-case letters, digits and underscores. Default <c>workflows</c>.
    /// </summary>
    public string Schema { get; set; } = "workflows";

    /// <summary>This worker's name in leases; unique per process. Default: machine name, process ID and a random suffix.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// How long a lease lasts without renewal: after a worker dies, its instances resume elsewhere within about this
    /// long. Default 15 seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the leases of this worker are renewed. Default a third of <see cref="LeaseDuration"/>.</summary>
    public TimeSpan? HeartbeatInterval { get; set; }

    /// <summary>
    /// How often the engine looks for claimable instances when no notification arrived (notifications can be lost when
    /// the listening connection drops). Default 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most commits written in one transaction by the group-commit writer. Default 256.</summary>
    public int MaxBatchSize { get; set; } = 256;

    internal TimeSpan EffectiveHeartbeat => HeartbeatInterval ?? LeaseDuration / 3;
}
