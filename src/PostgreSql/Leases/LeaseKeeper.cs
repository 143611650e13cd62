using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Workflows.Storage;

namespace Workflows.PostgreSql.Leases;

/// <summary>
/// Claims, renews and gives up this worker's leases. The database's clock decides expiry, so workers' clocks may
/// disagree; every claim takes a new epoch from a sequence, which fencing compares.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreNames _names;
    private readonly LeaseTable _leases;
    private readonly PostgreSqlStoreOptions _options;
    private readonly Action<StoreSignal> _signal;
    private readonly string _claim;
    private readonly string _nextWake;
    private readonly string _renew;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private long _lastRenewed = Stopwatch.GetTimestamp();

    public LeaseKeeper(NpgsqlDataSource dataSource, StoreNames names, LeaseTable leases, PostgreSqlStoreOptions options, Action<StoreSignal> signal)
    {
        _dataSource = dataSource;
        _names = names;
        _leases = leases;
        _options = options;
        _signal = signal;
        var i = names.Instances;
        _claim = $"""
            WITH candidates AS (
                SELECT instance_id FROM {i}
                WHERE status = 0 AND workflow_name = ANY($1)
                  AND ((owner IS NULL AND wake_at <= now()) OR (owner IS NOT NULL AND lease_until < now()))
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            UPDATE {i} AS i SET owner = $3, lease_epoch = nextval('{names.Schema}.lease_epochs'), lease_until = now() + $4, wake_at = NULL
            FROM candidates c WHERE i.instance_id = c.instance_id
            RETURNING {string.Join(", ", Rows.InstanceColumns.Split(", ").Select(c => "i." + c))}, i.lease_epoch
            """;
        _nextWake = $"""
            SELECT extract(epoch FROM least(
                (SELECT min(wake_at) FROM {i} WHERE status = 0 AND owner IS NULL AND workflow_name = ANY($1)),
                (SELECT min(lease_until) FROM {i} WHERE status = 0 AND owner IS NOT NULL AND owner <> $2)) - now())::float8
            """;
        // Renews only the leases this worker still holds (of a suspended instance too, while its attempts in flight
        // finish): one it dropped (its run failed and could not be released) must run out, not live on. Locks in ID order, as the commit writer does, so a renewal and a commit never
        // deadlock.
        _renew = $"""
            UPDATE {i} SET lease_until = now() + $2
            WHERE instance_id IN (SELECT instance_id FROM {i} WHERE instance_id = ANY($3) AND owner = $1 AND status IN (0, {(int)WorkflowStatus.Suspended}) ORDER BY instance_id FOR UPDATE)
            RETURNING instance_id, lease_epoch
            """;
        _heartbeat = Task.Run(HeartbeatAsync);
    }

    public async Task<InstanceClaim> ClaimAsync(IReadOnlyCollection<string> workflowNames, int max, CancellationToken cancellationToken)
    {
        var names = workflowNames.ToArray();
        var claimed = new List<InstanceRecord>();
        var granted = new List<(string, long)>();
        TimeSpan? nextWake = null;
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var batch = new NpgsqlBatch(connection);
            if (max > 0)
            {
                var claim = new NpgsqlBatchCommand(_claim);
                claim.Parameters.Add(Rows.TextArray(names));
                claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
                claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.WorkerId });
                claim.Parameters.Add(new NpgsqlParameter<TimeSpan> { NpgsqlDbType = NpgsqlDbType.Interval, TypedValue = _options.LeaseDuration });
                batch.BatchCommands.Add(claim);
            }
            var next = new NpgsqlBatchCommand(_nextWake);
            next.Parameters.Add(Rows.TextArray(names));
            next.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.WorkerId });
            batch.BatchCommands.Add(next);

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (max > 0)
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var record = Rows.ReadInstance(reader);
                    claimed.Add(record);
                    granted.Add((record.InstanceId, reader.GetInt64(Rows.InstanceColumnCount)));
                }
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
                nextWake = TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(0)));
        }
        // Recorded after the claim committed, so a renewal that started earlier never takes these leases for lost.
        _leases.Granted(granted, Stopwatch.GetTimestamp());
        return new InstanceClaim(claimed, nextWake);
    }

    public async Task ReleaseAsync(string instanceId, DateTime? wakeAt, CancellationToken cancellationToken)
    {
        if (_leases.Find(instanceId) is not { State: LeaseState.Held } lease) return;
        try
        {
            await ReleaseAsync(instanceId, lease, wakeAt, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not renewed any more either: the lease runs out and the instance is claimed again (by any worker).
            _leases.End(instanceId, lease.Epoch, LeaseState.Lost);
            throw;
        }
    }

    private async Task ReleaseAsync(string instanceId, Lease lease, DateTime? wakeAt, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Locked first, then released by a second statement: its fresh snapshot sees a message stored by a commit
        // that held the row meanwhile, and wakes the instance for it.
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM {_names.Instances} WHERE instance_id = $1 AND owner = $2 AND lease_epoch = $3 FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instanceId });
            lockRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.WorkerId });
            lockRow.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lease.Epoch });
            if (await lockRow.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                if (_leases.End(instanceId, lease.Epoch, LeaseState.Lost)) _signal(new StoreSignal(StoreSignalKind.LeaseLost, instanceId));
                return;
            }
        }
        await using (var release = new NpgsqlCommand($"""
            UPDATE {_names.Instances} SET owner = NULL, lease_until = NULL,
                wake_at = CASE WHEN EXISTS (SELECT 1 FROM {_names.Inbox} WHERE instance_id = $1) THEN now() ELSE $2 END
            WHERE instance_id = $1
            RETURNING wake_at <= now()
            """, connection, transaction))
        {
            release.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instanceId });
            release.Parameters.Add(wakeAt is { } at
                ? new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = DateTime.SpecifyKind(at, DateTimeKind.Utc) }
                : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = DBNull.Value });
            var dueNow = await release.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
            if (dueNow) await NotifyAsync(connection, transaction, [instanceId], cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _leases.End(instanceId, lease.Epoch, LeaseState.Released);
    }

    /// <summary>Gives up every lease at once (the worker stops), so other workers resume its instances without waiting for expiry.</summary>
    public async Task ReleaseAllAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var release = new NpgsqlCommand($"""
            UPDATE {_names.Instances} SET owner = NULL, lease_until = NULL, wake_at = now()
            WHERE instance_id IN (SELECT instance_id FROM {_names.Instances} WHERE owner = $1 AND status = 0 ORDER BY instance_id FOR UPDATE)
            """, connection, transaction))
        {
            release.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.WorkerId });
            if (await release.ExecuteNonQueryAsync().ConfigureAwait(false) > 0) await NotifyAsync(connection, transaction, [], CancellationToken.None).ConfigureAwait(false);
        }
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Announces work on <paramref name="instanceIds"/>, or on any instance when there are none.</summary>
    private async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] instanceIds, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        Writing.MutationSql.Notify(batch, _names.Channel,
            instanceIds.Length == 0 ? [Announcements.Work.ToString()] : Announcements.Payloads(Announcements.Work, instanceIds));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task HeartbeatAsync()
    {
        using var timer = new PeriodicTimer(_options.EffectiveHeartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await RenewAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
                {
                    // Renewal failed: once the leases may have run out, every one is lost, so the runners stop
                    // before another worker's take over could overlap with them for long.
                    if (Stopwatch.GetElapsedTime(_lastRenewed) >= _options.LeaseDuration) LoseAll(Stopwatch.GetTimestamp());
                }
                _leases.DropOldTombstones();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RenewAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var held = _leases.HeldBefore(started);
        var renewed = new Dictionary<string, long>(StringComparer.Ordinal);
        if (held.Count > 0)
        {
            await using var command = _dataSource.CreateCommand(_renew);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _options.WorkerId });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { NpgsqlDbType = NpgsqlDbType.Interval, TypedValue = _options.LeaseDuration });
            command.Parameters.Add(Rows.TextArray([.. held.Select(h => h.InstanceId)]));
            await using var reader = await command.ExecuteReaderAsync(_stop.Token).ConfigureAwait(false);
            while (await reader.ReadAsync(_stop.Token).ConfigureAwait(false)) renewed[reader.GetString(0)] = reader.GetInt64(1);
        }
        if (Stopwatch.GetElapsedTime(started) < _options.LeaseDuration) _lastRenewed = started;
        foreach (var (id, epoch) in held)
        {
            if (renewed.TryGetValue(id, out var current) && current == epoch) continue;
            if (_leases.End(id, epoch, LeaseState.Lost)) _signal(new StoreSignal(StoreSignalKind.LeaseLost, id));
        }
    }

    private void LoseAll(long before)
    {
        foreach (var (id, epoch) in _leases.HeldBefore(before))
        {
            if (_leases.End(id, epoch, LeaseState.Lost)) _signal(new StoreSignal(StoreSignalKind.LeaseLost, id));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        _stop.Dispose();
    }
}
