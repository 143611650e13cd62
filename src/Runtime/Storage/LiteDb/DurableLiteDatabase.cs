using System.Reflection;
using LiteDB.Engine;
using LiteDB;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// A LiteDB database whose commits the store makes durable itself. LiteDB 5 commits by queueing the transaction's
/// pages for its log writer and returns without waiting for them, so a commit it reports may still be in process
/// memory; here a commit counts only after <see cref="MakeCommitDurable"/>: every queued page written, then one sync
/// of the log for the whole group commit.
/// </summary>
internal sealed class DurableLiteDatabase : IDisposable
{
    private static readonly TimeSpan FailureCheckInterval = TimeSpan.FromMilliseconds(50);
    // Far beyond any healthy write of one group commit: past it, LiteDB's writer has stopped without a failed write.
    private static readonly TimeSpan WriterStalledAfter = TimeSpan.FromMinutes(2);

    private readonly LogFile _log;
    private readonly ManualResetEventSlim _logQueueEmpty;
    private int _disposed;

    private DurableLiteDatabase(LiteDatabase database, LogFile log, ManualResetEventSlim logQueueEmpty)
    {
        Database = database;
        _log = log;
        _logQueueEmpty = logQueueEmpty;
    }

    public LiteDatabase Database { get; }

    /// <summary>Whether the file compares keys ordinally; files created before Workflows set that do not.</summary>
    public bool HasOrdinalKeys => Database.Collation.SortOptions == System.Globalization.CompareOptions.Ordinal;

    /// <summary>
    /// Opens the data file at <paramref name="fullPath"/> with its log beside it, as LiteDB names it. A new file
    /// compares keys ordinally (<see cref="Collation.Binary"/>); LiteDB's default compares them by culture and
    /// ignoring case, so IDs differing only in case would be one key.
    /// </summary>
    public static DurableLiteDatabase Open(string fullPath, string? password)
    {
        var isNew = new FileInfo(fullPath) is not { Exists: true, Length: > 0 };
        var log = new LogFile(LogPath(fullPath));
        LiteEngine? engine = null;
        try
        {
            engine = new LiteEngine(new EngineSettings
            {
                Filename = fullPath,
                LogStream = log,
                Password = password,
                Upgrade = false,
                Collation = isNew ? Collation.Binary : null,
            });
            return new DurableLiteDatabase(new LiteDatabase(engine), log, LogWriterQueue.EmptyEvent(engine));
        }
        catch
        {
            engine?.Dispose();
            log.Dispose();
            // A file that was refused keeps nothing of this attempt beside it.
            DeleteIfEmpty(log.Path);
            throw;
        }
    }

    /// <summary>LiteDB's name for the log of <paramref name="dataPath"/>: <c>name-log.ext</c> beside it.</summary>
    public static string LogPath(string dataPath) => SiblingPath(dataPath, "-log");

    /// <summary>A file beside <paramref name="dataPath"/> named as LiteDB names its own: <c>name{suffix}.ext</c>.</summary>
    public static string SiblingPath(string dataPath, string suffix) =>
        Path.Combine(Path.GetDirectoryName(dataPath)!, Path.GetFileNameWithoutExtension(dataPath) + suffix + Path.GetExtension(dataPath));

    /// <summary>
    /// Returns once the transactions committed so far are on disk: waits for LiteDB's log writer to write every queued
    /// page, then syncs the log. Throws <see cref="IOException"/> when a page could not be written or synced; the
    /// database must not be trusted after that.
    /// </summary>
    public void MakeCommitDurable()
    {
        // LiteDB's writer swallows a failed write and then never reports its queue empty: check for that while waiting.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!_logQueueEmpty.Wait(FailureCheckInterval))
        {
            if (_log.WriteFailure is { } failure) throw LogFailed(failure);
            if (waited.Elapsed > WriterStalledAfter)
                throw new IOException($"LiteDB's writer has not written the log '{_log.Path}' for {WriterStalledAfter.TotalMinutes:0} minutes; the commit is not known to be durable.");
        }
        if (_log.WriteFailure is { } writeFailure) throw LogFailed(writeFailure);
        _log.Sync();
    }

    private IOException LogFailed(Exception failure) =>
        new($"Writing the LiteDB log '{_log.Path}' failed: {failure.Message}", failure);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            Database.Dispose();
        }
        finally
        {
            _log.Dispose();
        }
        // LiteDB removes its own log after the closing checkpoint emptied it; it does not for a log it was given.
        DeleteIfEmpty(_log.Path);
    }

    private static void DeleteIfEmpty(string path)
    {
        try
        {
            if (new FileInfo(path) is { Exists: true, Length: 0 } empty) empty.Delete();
        }
        catch (IOException)
        {
            // Left for the next open, which reads an empty log as no log.
        }
    }

    /// <summary>
    /// Binds to LiteDB's log writer queue, which it does not expose: the event it sets when every queued page is
    /// written. Checked when the store opens, so a LiteDB whose internals differ is refused at once.
    /// </summary>
    private static class LogWriterQueue
    {
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

        public static ManualResetEventSlim EmptyEvent(LiteEngine engine)
        {
            var disk = typeof(LiteEngine).GetField("_disk", Instance)?.GetValue(engine);
            var lazyQueue = disk?.GetType().GetProperty("Queue", Instance)?.GetValue(disk);
            var queue = lazyQueue?.GetType().GetProperty("Value", Instance)?.GetValue(lazyQueue);
            return queue?.GetType().GetField("_queueIsEmpty", Instance)?.GetValue(queue) as ManualResetEventSlim
                ?? throw new CheckpointStoreException(CheckpointStoreError.WriteFailed,
                    $"This LiteDB ({typeof(LiteEngine).Assembly.GetName().Version}) does not have the log writer queue Workflows waits on to " +
                    "acknowledge only durable commits. Use the LiteDB version the Workflows package depends on.");
        }
    }
}
