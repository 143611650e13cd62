using LiteDB;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// The default checkpoint store: one embedded LiteDB file. A single writer thread group-commits the pending writes
/// of all instances in one transaction, and completes each caller's task only after that transaction is on disk; a
/// step completion that finds no batch in progress is committed the same way on its own thread.
/// </summary>
public sealed class LiteDbCheckpointStore : ICheckpointStore, IInlineCommits, IRecoveryAware
{
    /// <summary>
    /// The schema version this library writes; a file with a higher one is refused, a lower one is read as it is and
    /// marked with this version (2 packs each journal entry into one binary field, which version 1 cannot read).
    /// </summary>
    public const int SchemaVersion = 2;

    private readonly string _path;
    private readonly LiteDbStoreOptions _options;
    private readonly StoreLock _lock;
    // Replaced when LiteDB must be reopened: after an I/O failure (a full disk) it refuses every further call.
    private DurableLiteDatabase _file;
    // The LiteDB failure after which the database must be reopened before it is used again; null while healthy.
    private Exception? _brokenBy;
    private ILiteCollection<BsonDocument> _instances;
    private ILiteCollection<BsonDocument> _journal;
    private ILiteCollection<BsonDocument> _inbox;
    private readonly GroupCommitQueue _commits;
    // LiteDB readers on other threads can fail ("page type must be collection page") while the writer's transaction
    // changes the same collection, so reads wait for the batch in progress; they are rare and short.
    private readonly Lock _access = new();
    private int _disposed;

    private LiteDbCheckpointStore(string path, LiteDbStoreOptions options, StoreLock fileLock, DurableLiteDatabase db)
    {
        _path = path;
        _options = options;
        _lock = fileLock;
        Attach(db);
        _commits = new GroupCommitQueue($"Workflows LiteDB writer ({Path.GetFileName(path)})", options.MaxBatchSize, CommitBatch);
    }

    /// <summary>
    /// Opens (or creates) the store at <paramref name="path"/>, holding it exclusively for this process.
    /// </summary>
    /// <exception cref="CheckpointStoreException">The file is corrupt, held by another process, written by a newer
    /// schema, or encrypted with another password.</exception>
    public static LiteDbCheckpointStore Open(string path, LiteDbStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new LiteDbStoreOptions();
        if (options.MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxBatchSize must be at least 1.");
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        var (fileLock, db) = LiteDbFileOpening.Open(fullPath, options);
        return new LiteDbCheckpointStore(fullPath, options, fileLock, db);
    }

    bool IRecoveryAware.OpenedAfterCrash => _lock.OpenedAfterCrash;

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_file), nameof(_instances), nameof(_journal), nameof(_inbox))]
    private void Attach(DurableLiteDatabase file)
    {
        _file = file;
        var db = file.Database;
        _instances = db.GetCollection("instances");
        _journal = db.GetCollection("journal");
        _inbox = db.GetCollection("inbox");
        // Create every collection up front: LiteDB readers on other threads can fail on a collection that the
        // writer's open transaction is still creating.
        _instances.EnsureIndex("st");
        // Listing pages newest first and a parent's children read these instead of every instance.
        _instances.EnsureIndex("ca");
        _instances.EnsureIndex("pid");
        _journal.EnsureIndex("_id");
        _inbox.EnsureIndex("_id");
    }

    /// <summary>
    /// Runs a read against LiteDB. After a LiteDB call failed (an I/O error, a full disk), LiteDB is not trusted
    /// again: it is reopened first (its log replay restores the last committed state) and the read tried once more.
    /// Called under <see cref="_access"/>.
    /// </summary>
    private T UseDatabase<T>(Func<T> operation)
    {
        EnsureOpen();
        try
        {
            return operation();
        }
        catch (Exception ex) when (ex is IOException or LiteException)
        {
            _brokenBy = ex;
            EnsureOpen();
            return operation();
        }
    }

    private void EnsureOpen()
    {
        if (_brokenBy is not { } cause) return;
        Reopen(cause);
        _brokenBy = null;
    }

    private void Reopen(Exception cause)
    {
        try { _file?.Dispose(); }
        catch (Exception ex) when (ex is IOException or LiteException or ObjectDisposedException) { /* it shut itself down */ }
        // LiteDB can keep its file handles after it failed on an I/O error (a transaction left in a thread-local
        // slot holds them); drop every reference and let finalizers close them, in two rounds since the slot is
        // released by its own finalizer, or the reopen finds the log file still in use.
        _file = null!;
        _instances = _journal = _inbox = null!;
        for (var round = 0; round < 2; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        try
        {
            Attach(DurableLiteDatabase.Open(_path, _options.Password));
        }
        catch (IOException ex)
        {
            // LiteDB 5 can deadlock its own disk writer when a write fails, and that thread keeps the log file
            // open for the life of the process: only a new process can open the file again.
            throw new CheckpointStoreException(CheckpointStoreError.WriteFailed,
                $"Writing to the checkpoint store '{_path}' failed ({cause.Message}) and the file cannot be reopened in this process ({ex.Message}). " +
                "Nothing committed is lost: fix the cause (free disk space), then restart the process to resume every instance.", ex);
        }
        catch (LiteException ex)
        {
            throw new CheckpointStoreException(CheckpointStoreError.WriteFailed,
                $"Writing to the checkpoint store '{_path}' failed ({cause.Message}) and reopening it failed too ({ex.Message}). " +
                "Nothing committed is lost; it is reopened at the next access.", ex);
        }
    }

    /// <inheritdoc />
    public Task CommitAsync(IReadOnlyList<StoreMutation> mutations) => Enqueue(mutations, wakeWriter: true);

    /// <inheritdoc />
    Task IInlineCommits.QueueAsync(IReadOnlyList<StoreMutation> mutations) => Enqueue(mutations, wakeWriter: false);

    private Task Enqueue(IReadOnlyList<StoreMutation> mutations, bool wakeWriter)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _commits.Enqueue(mutations, wakeWriter);
    }

    /// <inheritdoc />
    void IInlineCommits.CommitQueued() => _commits.CommitInlineOrWakeWriter();

    private void CommitBatch(List<PendingCommit> batch)
    {
        var rejected = new WorkflowException?[batch.Count];
        var committed = false;
        try
        {
            lock (_access)
            {
                EnsureOpen();
                _file.Database.BeginTrans();
                try
                {
                    for (var i = 0; i < batch.Count; i++) rejected[i] = TryApply(batch[i].Mutations);
                    _file.Database.Commit();
                    committed = true;
                    _file.MakeCommitDurable();
                }
                catch (Exception failure)
                {
                    // Preconditions are checked before anything is applied, so a throw here is LiteDB or the disk
                    // failing: LiteDB is not trusted again until reopened.
                    if (!committed)
                    {
                        try { _file.Database.Rollback(); } catch (Exception ex) when (ex is LiteException or IOException or ObjectDisposedException) { }
                    }
                    _brokenBy = failure;
                    throw;
                }
            }
        }
        catch (Exception ex) when (committed)
        {
            // LiteDB committed but the log may not be on disk: the reopened file may or may not hold this batch, so it
            // is not retried (a retry could apply it twice) and nobody is told it is durable.
            var unknown = new CheckpointStoreException(CheckpointStoreError.WriteFailed,
                $"Writing to the checkpoint store '{_path}' failed while making a commit durable ({ex.Message}); it may or may not have been stored. " +
                "Instances resume from what their journals hold once writes work again.", ex);
            foreach (var pending in batch) pending.Fail(unknown);
            return;
        }
        catch (Exception ex)
        {
            if (batch.Count > 1)
            {
                // Isolate the commit that broke the transaction so the others still land.
                foreach (var single in batch) CommitBatch([single]);
                return;
            }
            batch[0].Fail(ex as CheckpointStoreException ?? new CheckpointStoreException(CheckpointStoreError.WriteFailed,
                $"Writing to the checkpoint store '{_path}' failed: {ex.Message}. Nothing of this write was stored.", ex));
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (rejected[i] is { } error) batch[i].Fail(error);
            else batch[i].Succeed();
        }
    }

    private WorkflowException? TryApply(IReadOnlyList<StoreMutation> mutations)
    {
        try
        {
            StoreMutations.Apply(mutations, ReadInstance, new LiteDbMutationTarget(_instances, _journal, _inbox));
            return null;
        }
        catch (WorkflowException rejected)
        {
            return rejected;
        }
    }

    private InstanceRecord? ReadInstance(string instanceId)
    {
        var document = _instances.FindById(StoreKeys.Instance(instanceId));
        return document is null ? null : LiteDbDocuments.ToInstance(document);
    }

    /// <inheritdoc />
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_access) return Task.FromResult(UseDatabase(() => ReadInstance(instanceId)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        List<InstanceRecord> list;
        lock (_access)
        {
            list = UseDatabase(() => (status is { } s ? _instances.Find(Query.EQ("st", (int)s)) : _instances.FindAll()).Select(LiteDbDocuments.ToInstance).ToList());
        }
        IReadOnlyList<InstanceRecord> ordered = list.OrderBy(i => i.CreatedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
        return Task.FromResult(ordered);
    }

    /// <inheritdoc />
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_access) return Task.FromResult(UseDatabase(() => InstancePage.From(LiteDbInstanceListing.Matches(_instances, query), query)));
    }

    /// <inheritdoc />
    public Task<InstanceStatistics> GetStatisticsAsync(DateTime since, CancellationToken cancellationToken = default)
    {
        lock (_access) return Task.FromResult(UseDatabase(() => LiteDbInstanceListing.Statistics(_instances, since)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default)
    {
        List<JournalRecord> records;
        lock (_access)
            records = UseDatabase(() => StoreKeys.FindStartingWith(_journal, StoreKeys.JournalPrefix(instanceId, execution)).Select(JournalRecord.Of).ToList());
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new JournalEntry[records.Count];
        for (var i = 0; i < entries.Length; i++) entries[i] = LiteDbDocuments.ToJournalEntry(records[i], instanceId, execution, names);
        return Task.FromResult<IReadOnlyList<JournalEntry>>(entries);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_access)
        {
            IReadOnlyList<InboxMessage> messages = UseDatabase(() => StoreKeys.FindStartingWith(_inbox, StoreKeys.InstancePrefix(instanceId))
                .Select(LiteDbDocuments.ToInboxMessage).OrderBy(m => m.ReceivedAt).ToList());
            return Task.FromResult(messages);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return ValueTask.CompletedTask;
        _commits.Close();
        try { _file?.Dispose(); }
        catch (Exception ex) when (ex is IOException or LiteException) { /* shut down by an I/O failure: nothing left to flush */ }
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }
}
