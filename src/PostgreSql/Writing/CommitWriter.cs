using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using Workflows.PostgreSql.Leases;
using Workflows.Storage;

namespace Workflows.PostgreSql.Writing;

/// <summary>
/// The group-commit writer of one worker: the commits that wait are written in one transaction that first locks the
/// rows of every instance they touch (in ID order, so workers never deadlock on them), checks each commit's
/// preconditions and leases against those rows, and writes the accepted ones. A caller's task completes only after
/// the transaction committed; a rejected commit fails alone and applies nothing.
/// </summary>
internal sealed class CommitWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreNames _names;
    private readonly MutationSql _sql;
    private readonly LeaseTable _leases;
    private readonly string _workerId;
    private readonly int _maxBatchSize;
    private readonly Action<StoreSignal> _signal;
    private readonly string _lockRows;
    private readonly string _readRecords;
    private readonly Channel<PendingCommit> _queue = Channel.CreateUnbounded<PendingCommit>(new() { SingleReader = true });
    private readonly Task _loop;

    public CommitWriter(NpgsqlDataSource dataSource, StoreNames names, LeaseTable leases, string workerId, int maxBatchSize, Action<StoreSignal> signal)
    {
        _dataSource = dataSource;
        _names = names;
        _sql = new MutationSql(names);
        _leases = leases;
        _workerId = workerId;
        _maxBatchSize = maxBatchSize;
        _signal = signal;
        _lockRows = $"SELECT instance_id, owner, lease_epoch FROM {names.Instances} WHERE instance_id = ANY($1) ORDER BY instance_id FOR UPDATE";
        _readRecords = $"SELECT {Rows.InstanceColumns} FROM {names.Instances} WHERE instance_id = ANY($1)";
        _loop = Task.Run(WriteLoopAsync);
    }

    public Task CommitAsync(IReadOnlyList<StoreMutation> mutations)
    {
        var pending = new PendingCommit(mutations);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), typeof(PostgreSqlCheckpointStore));
        return pending.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingCommit>(_maxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending)) batch.Add(pending);
            var started = Stopwatch.GetTimestamp();
            await CommitGroupAsync(batch, retried: false).ConfigureAwait(false);
            StoreMetrics.BatchCommitted(batch.Count, Stopwatch.GetElapsedTime(started));
            batch.Clear();
        }
    }

    private async Task CommitGroupAsync(List<PendingCommit> group, bool retried)
    {
        Outcome outcome;
        try
        {
            outcome = await TryCommitAsync(group).ConfigureAwait(false);
        }
        catch (CommitOutcomeUnknownException unknown)
        {
            // Retrying could apply the group twice (a create would then report its own instance as taken): fail it.
            foreach (var pending in group)
            {
                pending.Fail(new CheckpointStoreException(CheckpointStoreError.WriteFailed,
                    $"The connection to the PostgreSQL checkpoint store (schema '{_names.SchemaName}') failed while committing ({unknown.InnerException!.Message}): " +
                    "the write may or may not have landed. It was not acknowledged; the instance resumes from whatever its journal holds.", unknown.InnerException));
            }
            return;
        }
        catch (Exception ex)
        {
            if (group.Count > 1)
            {
                // Isolate the commit that broke the transaction (a concurrent insert of the same ID, a deadlock
                // victim) so the others still land.
                foreach (var single in group) await CommitGroupAsync([single], retried: false).ConfigureAwait(false);
                return;
            }
            if (!retried && IsTransient(ex))
            {
                // Tried again on fresh rows: a create that lost a race now fails its precondition properly.
                await CommitGroupAsync(group, retried: true).ConfigureAwait(false);
                return;
            }
            group[0].Fail(new CheckpointStoreException(CheckpointStoreError.WriteFailed,
                $"Writing to the PostgreSQL checkpoint store (schema '{_names.SchemaName}') failed: {ex.Message}. Nothing of this write was stored.", ex));
            return;
        }
        outcome.AfterCommit();
        for (var i = 0; i < group.Count; i++)
        {
            if (outcome.Rejected[i] is { } rejected) group[i].Fail(rejected);
            else group[i].Succeed();
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation };

    private async Task<Outcome> TryCommitAsync(List<PendingCommit> group)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var rows = await LockRowsAsync(connection, transaction, group).ConfigureAwait(false);

        await using var batch = new NpgsqlBatch(connection, transaction);
        var outcome = new Outcome(group.Count);
        var notify = new Notices();
        var target = _sql.For(batch);
        for (var i = 0; i < group.Count; i++)
        {
            var mutations = group[i].Mutations;
            List<string> purges;
            try
            {
                purges = StorePreconditions.Check(mutations, id => rows.GetValueOrDefault(id)?.Record);
                foreach (var mutation in mutations) CheckLease(mutation, rows);
            }
            catch (WorkflowException rejected)
            {
                outcome.Rejected[i] = rejected;
                continue;
            }
            foreach (var id in purges)
            {
                target.Purge(id);
                rows[id] = null;
            }
            foreach (var mutation in mutations)
            {
                StoreMutations.Dispatch(mutation, target);
                Track(mutation, rows, notify, outcome);
            }
        }
        MutationSql.Notify(batch, _names.Channel, Announcements.Payloads(Announcements.Work, notify.Work));
        MutationSql.Notify(batch, _names.Channel, Announcements.Payloads(Announcements.Ended, notify.Ended));
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        try
        {
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException or IOException or TimeoutException)
        {
            throw new CommitOutcomeUnknownException(ex);
        }
        return outcome;
    }

    /// <summary>
    /// Locks the rows of every instance the group touches, in ID order, with their leases; reads the whole record only
    /// of the instances whose preconditions need it (created, updated, purged, expected running), in the same round trip.
    /// </summary>
    private async Task<Dictionary<string, StoredRow?>> LockRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingCommit> group)
    {
        var mutations = group.SelectMany(p => p.Mutations).ToList();
        var ids = mutations.Select(MutationInstances.Of).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var checkedIds = mutations.Where(m => m is CreateInstance or UpdateInstance or PurgeInstance or ExpectRunning).Select(MutationInstances.Of).Distinct(StringComparer.Ordinal).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var lockRows = new NpgsqlBatchCommand(_lockRows);
        lockRows.Parameters.Add(Rows.TextArray(ids));
        batch.BatchCommands.Add(lockRows);
        if (checkedIds.Length > 0)
        {
            var readRecords = new NpgsqlBatchCommand(_readRecords);
            readRecords.Parameters.Add(Rows.TextArray(checkedIds));
            batch.BatchCommands.Add(readRecords);
        }

        var leases = new Dictionary<string, (string? Owner, long Epoch)>(StringComparer.Ordinal);
        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false)) leases[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
            if (await reader.NextResultAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    var record = Rows.ReadInstance(reader);
                    records[record.InstanceId] = record;
                }
            }
        }
        return leases.ToDictionary(l => l.Key, l => (StoredRow?)new StoredRow(records.GetValueOrDefault(l.Key), l.Value.Owner, l.Value.Epoch), StringComparer.Ordinal);
    }

    /// <summary>
    /// Fencing: a write of a run (its journal, its status, its consumed messages) is accepted only while the row
    /// carries this worker's lease epoch, or when nobody leases the instance and this worker never did (a store used
    /// by one engine that does not claim). Writes that need no lease (creating, messaging, terminating, purging) pass.
    /// </summary>
    private void CheckLease(StoreMutation mutation, Dictionary<string, StoredRow?> rows)
    {
        var instanceId = mutation switch
        {
            PutJournalEntry m when !m.IsRerun => m.Entry.InstanceId,
            // Terminating, suspending, resuming and rerunning an ended instance come from clients, which hold no lease.
            UpdateInstance m when m.Instance.Status is not (WorkflowStatus.Terminated or WorkflowStatus.Suspended) && m.ExpectedStatus != WorkflowStatus.Suspended
                                  && !m.ExpectedStatus.IsTerminal() => m.Instance.InstanceId,
            DeleteInboxMessage m => m.InstanceId,
            DeleteJournal m => m.InstanceId,
            _ => null,
        };
        if (instanceId is null) return;
        var row = rows.GetValueOrDefault(instanceId);
        if (_leases.Find(instanceId) is not { } lease)
        {
            // Never leased here (or long forgotten): only an instance nobody leases may be written without a lease.
            if (row?.Owner is not { } owner) return;
            throw new CheckpointStoreException(CheckpointStoreError.LeaseLost,
                $"Worker '{_workerId}' does not hold the lease of workflow instance '{instanceId}' (worker '{owner}' does); " +
                "the write was refused so the instance's journal has one writer.");
        }
        if (lease.State == LeaseState.Held && row is not null && row.Owner == _workerId && row.Epoch == lease.Epoch) return;
        if (_leases.End(instanceId, lease.Epoch, LeaseState.Lost)) _signal(new StoreSignal(StoreSignalKind.LeaseLost, instanceId));
        throw new CheckpointStoreException(CheckpointStoreError.LeaseLost,
            $"Worker '{_workerId}' no longer holds the lease of workflow instance '{instanceId}' " +
            (lease.State == LeaseState.Released ? "(it gave the instance up)" : "(it expired or another worker took the instance over)") +
            "; the write was refused so the instance's journal has one writer. The worker that holds the lease resumes it from its journal.");
    }

    /// <summary>Keeps the group's view of the rows, the notifications and the lease changes in step with an accepted mutation.</summary>
    private void Track(StoreMutation mutation, Dictionary<string, StoredRow?> rows, Notices notify, Outcome outcome)
    {
        switch (mutation)
        {
            case CreateInstance create:
                var created = create.Instance.InstanceId;
                rows[created] = new StoredRow(create.Instance, null, 0);
                notify.Work.Add(created);
                outcome.After.Add(() => _leases.ForgetTombstone(created));
                break;
            case UpdateInstance update:
                var id = update.Instance.InstanceId;
                var ended = update.Instance.Status.IsTerminal();
                if (update.ExpectedStatus == WorkflowStatus.Suspended) notify.Work.Add(id); // resumed: any worker may run it
                var before = rows.GetValueOrDefault(id);
                rows[id] = new StoredRow(update.Instance, ended ? null : before?.Owner, before?.Epoch ?? 0);
                if (update.Instance.Status == WorkflowStatus.Suspended) notify.Ended.Add(id); // its runner hears of it and winds down
                if (!ended) break;
                notify.Ended.Add(id);
                if (_leases.Find(id) is { } lease) outcome.After.Add(() => _leases.End(id, lease.Epoch, LeaseState.Released));
                break;
            case PutInboxMessage message:
                notify.Work.Add(message.Message.InstanceId);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>The connection broke while COMMIT was on its way: the server may or may not have committed.</summary>
    private sealed class CommitOutcomeUnknownException(Exception inner) : Exception(inner.Message, inner);

    /// <summary>The instances a group's transaction announces, by kind.</summary>
    private sealed class Notices
    {
        public HashSet<string> Work { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Ended { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>What one group's transaction decided: the commits it rejected and what to do once it committed.</summary>
    private sealed class Outcome(int count)
    {
        public WorkflowException?[] Rejected { get; } = new WorkflowException?[count];

        public List<Action> After { get; } = [];

        public void AfterCommit()
        {
            foreach (var action in After) action();
        }
    }
}
