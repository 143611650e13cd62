using System.Threading.Channels;
using Npgsql;
using Workflows.PostgreSql.Leases;
using Workflows.PostgreSql.Schema;
using Workflows.PostgreSql.Writing;
using Workflows.Storage;

namespace Workflows.PostgreSql;

/// <summary>
/// A checkpoint store in a PostgreSQL database that several worker processes share. Each worker's engine runs only
/// the instances it leased; a lease is renewed while the worker lives and claimed by another worker once it expires;
/// every write of a run is fenced by the lease's epoch. Commits of one worker are grouped into one transaction and
/// acknowledged only after it committed.
/// </summary>
public sealed class PostgreSqlCheckpointStore : ISharedCheckpointStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreNames _names;
    private readonly PostgreSqlStoreOptions _options;
    private readonly LeaseTable _leases = new();
    private readonly Channel<StoreSignal> _signals = Channel.CreateBounded<StoreSignal>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CommitWriter _writer;
    private readonly LeaseKeeper _keeper;
    private readonly NotificationListener _listener;
    private readonly string _describe;
    private int _disposed;

    /// <summary>The most connections one worker opens when the connection string does not say.</summary>
    public const int DefaultMaxPoolSize = 20;

    private PostgreSqlCheckpointStore(NpgsqlDataSource dataSource, StoreNames names, PostgreSqlStoreOptions options, string describe)
    {
        _dataSource = dataSource;
        _names = names;
        _options = options;
        _describe = describe;
        _writer = new CommitWriter(dataSource, names, _leases, options.WorkerId, options.MaxBatchSize, Signal);
        _keeper = new LeaseKeeper(dataSource, names, _leases, options, Signal);
        _listener = new NotificationListener(dataSource, names, Signal);
    }

    /// <summary>
    /// Connects, creates or migrates the schema (safe when several workers start at once) and starts listening for
    /// other workers' changes.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="CheckpointStoreException">The database cannot be reached, or its schema is newer than this library.</exception>
    public static async Task<PostgreSqlCheckpointStore> OpenAsync(PostgreSqlStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var names = new StoreNames(options.Schema);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        // Npgsql's default of 100 connections per process would let a handful of workers exhaust the server's
        // max_connections; a worker needs few (one writer, one listener, reads). A pool size in the string wins.
        if (!options.ConnectionString.Contains("pool size", StringComparison.OrdinalIgnoreCase)) builder.MaxPoolSize = DefaultMaxPoolSize;
        // The store sends the same few statements over and over: prepared once per connection, the server stops
        // parsing and planning them each time.
        if (!options.ConnectionString.Contains("auto prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 64;
        var describe = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}, schema '{options.Schema}'";
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await SchemaSetup.MigrateAsync(dataSource, names, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new CheckpointStoreException(CheckpointStoreError.Unavailable,
                $"The checkpoint store ({describe}) cannot be opened: {ex.Message}. Check that the server runs and accepts this connection string (host, port, user, password, database).", ex);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var store = new PostgreSqlCheckpointStore(dataSource, names, options, describe);
        await store._listener.Listening.WaitAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    private static void Validate(PostgreSqlStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new ArgumentException("PostgreSqlStoreOptions.ConnectionString is empty: give the Npgsql connection string of the database the workers share.", nameof(options));
        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"PostgreSqlStoreOptions.ConnectionString is not a valid Npgsql connection string: {ex.Message}", nameof(options), ex);
        }
        if (string.IsNullOrWhiteSpace(options.WorkerId))
            throw new ArgumentException("PostgreSqlStoreOptions.WorkerId is empty: every worker needs a unique name.", nameof(options));
        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"PostgreSqlStoreOptions.LeaseDuration is {options.LeaseDuration}: it must be at least 1 second.", nameof(options));
        if (options.EffectiveHeartbeat <= TimeSpan.Zero || options.EffectiveHeartbeat * 2 > options.LeaseDuration)
            throw new ArgumentException(
                $"PostgreSqlStoreOptions.HeartbeatInterval is {options.EffectiveHeartbeat}: it must be positive and at most half of LeaseDuration ({options.LeaseDuration}), so a lease is renewed before it runs out.",
                nameof(options));
        if (options.PollInterval <= TimeSpan.Zero)
            throw new ArgumentException($"PostgreSqlStoreOptions.PollInterval is {options.PollInterval}: it must be positive.", nameof(options));
        if (options.MaxBatchSize < 1)
            throw new ArgumentException($"PostgreSqlStoreOptions.MaxBatchSize is {options.MaxBatchSize}: it must be at least 1.", nameof(options));
    }

    /// <inheritdoc />
    public string WorkerId => _options.WorkerId;

    /// <inheritdoc />
    public TimeSpan PollInterval => _options.PollInterval;

    /// <inheritdoc />
    public ChannelReader<StoreSignal> Signals => _signals.Reader;

    private void Signal(StoreSignal signal) => _signals.Writer.TryWrite(signal);

    /// <inheritdoc />
    public Task CommitAsync(IReadOnlyList<StoreMutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _writer.CommitAsync(mutations);
    }

    /// <inheritdoc />
    public Task<InstanceClaim> ClaimAsync(IReadOnlyCollection<string> workflowNames, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowNames);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return ReadAsync(() => _keeper.ClaimAsync(workflowNames, max, cancellationToken));
    }

    /// <inheritdoc />
    public bool HoldsLease(string instanceId) => _leases.Holds(instanceId);

    /// <inheritdoc />
    public Task ReleaseAsync(string instanceId, DateTime? wakeAt, CancellationToken cancellationToken = default) =>
        ReadAsync(async () =>
        {
            await _keeper.ReleaseAsync(instanceId, wakeAt, cancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <inheritdoc />
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ReadAsync(async () =>
        {
            await using var command = Command($"SELECT {Rows.InstanceColumns} FROM {_names.Instances} WHERE instance_id = $1", instanceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Rows.ReadInstance(reader) : null;
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<InstanceRecord>>(async () =>
        {
            var where = status is null ? "" : "WHERE status = $1";
            await using var command = _dataSource.CreateCommand($"SELECT {Rows.InstanceColumns} FROM {_names.Instances} {where} ORDER BY created_at, instance_id");
            if (status is { } s) Rows.Add(command.Parameters, (short)s);
            return await ReadAllAsync(command, r => Rows.ReadInstance(r), cancellationToken).ConfigureAwait(false);
        });

    /// <inheritdoc />
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand();
            command.CommandText = InstanceListing.Sql(query, _names.Instances, command.Parameters);
            var rows = await ReadAllAsync(command, r => Rows.ReadInstance(r), cancellationToken).ConfigureAwait(false);
            return InstancePage.From(rows, query);
        });
    }

    /// <inheritdoc />
    public Task<InstanceStatistics> GetStatisticsAsync(DateTime since, CancellationToken cancellationToken = default) =>
        ReadAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand();
            command.CommandText = InstanceListing.StatisticsSql(_names.Instances);
            Rows.Add(command.Parameters, since.Ticks);
            Rows.Add(command.Parameters, TimeSpan.TicksPerMinute);
            return await InstanceListing.ReadStatisticsAsync(command, cancellationToken).ConfigureAwait(false);
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<JournalEntry>>(async () =>
        {
            await using var command = Command($"SELECT {Rows.JournalColumns} FROM {_names.Journal} WHERE instance_id = $1 AND execution = $2", instanceId);
            Rows.Add(command.Parameters, execution);
            return await ReadAllAsync(command, Rows.ReadJournalEntry, cancellationToken).ConfigureAwait(false);
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<InboxMessage>>(async () =>
        {
            await using var command = Command($"SELECT {Rows.InboxColumns} FROM {_names.Inbox} WHERE instance_id = $1 ORDER BY received_at, message_id", instanceId);
            return await ReadAllAsync(command, Rows.ReadInboxMessage, cancellationToken).ConfigureAwait(false);
        });

    private NpgsqlCommand Command(string sql, string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var command = _dataSource.CreateCommand(sql);
        Rows.Add(command.Parameters, instanceId);
        return command;
    }

    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(read(reader));
        return list;
    }

    /// <summary>Runs a read, a claim or a release, reporting an unreachable database as a <see cref="CheckpointStoreException"/> that names it.</summary>
    private async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            throw new CheckpointStoreException(CheckpointStoreError.Unavailable,
                $"The checkpoint store ({_describe}) could not be reached: {ex.Message}. Nothing that was durable is lost; try again once the database is reachable.", ex);
        }
    }

    /// <summary>
    /// Stops writing (pending commits are written first), gives up this worker's leases so other workers resume its
    /// instances at once, and closes the connections.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _keeper.DisposeAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _keeper.ReleaseAllAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            // Unreachable: the leases run out instead.
        }
        _signals.Writer.TryComplete();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
