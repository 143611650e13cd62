using System.Collections.Concurrent;
using System.Diagnostics;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// Pending commits, written in batches by one thread at a time: the store's writer thread, or a caller that finds no
/// batch in progress and writes the queue itself (<see cref="CommitInlineOrWakeWriter"/>). Batches are taken from the
/// front of the queue under one lock, so commits are written in the order they were queued whoever writes them.
/// </summary>
internal sealed class GroupCommitQueue
{
    private readonly ConcurrentQueue<PendingCommit> _pending = new();
    private readonly object _wakeSignal = new();
    private bool _woken;
    private readonly Lock _writing = new();
    private readonly Action<List<PendingCommit>> _commitBatch;
    private readonly int _maxBatchSize;
    private readonly Thread _writer;
    private volatile bool _closed;
    private int _lastBatchSize;

    public GroupCommitQueue(string name, int maxBatchSize, Action<List<PendingCommit>> commitBatch)
    {
        _maxBatchSize = maxBatchSize;
        _commitBatch = commitBatch;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = name };
        _writer.Start();
    }

    /// <summary>
    /// Queues a commit. With <paramref name="wakeWriter"/> false the caller must call
    /// <see cref="CommitInlineOrWakeWriter"/> next, outside any lock the commit's completion needs.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The queue was closed.</exception>
    public Task Enqueue(IReadOnlyList<StoreMutation> mutations, bool wakeWriter)
    {
        if (_closed) throw Closed();
        var pending = new PendingCommit(mutations);
        _pending.Enqueue(pending);
        if (_closed && !_writer.IsAlive) FailLeftovers(); // closed meanwhile, after the writer drained the queue for the last time
        else if (wakeWriter) Wake();
        return pending.Task;
    }

    /// <summary>
    /// Writes the queue on the calling thread when no batch is being written; otherwise leaves it to the writer
    /// thread, which runs after the batch in progress. Either way every commit queued before this call is written.
    /// </summary>
    public void CommitInlineOrWakeWriter()
    {
        // Concurrent load (the last batch held several commits) is left to the writer thread: a caller writing
        // inline holds a thread-pool thread through the disk sync, which costs more than the hand-off saves there.
        // So is a caller running under a task scheduler or synchronization context of its own: LiteDB starts its
        // log writer as a task on the current scheduler, and waiting for it there would deadlock.
        if (Volatile.Read(ref _lastBatchSize) > 1 || !OnPlainThread() || !_writing.TryEnter())
        {
            Wake();
            return;
        }
        try
        {
            if (!_closed) WriteBatch(new List<PendingCommit>());
        }
        finally
        {
            _writing.Exit();
        }
        // Commits queued during this batch by callers that found it in progress have woken the writer; what is left
        // beyond the batch size has not.
        if (!_pending.IsEmpty) Wake();
    }

    private static bool OnPlainThread() => TaskScheduler.Current == TaskScheduler.Default && SynchronizationContext.Current is null;

    /// <summary>
    /// Writes what is queued, stops the writer thread and refuses further commits; returns once no batch is being
    /// written, by any thread.
    /// </summary>
    public void Close()
    {
        _closed = true;
        Wake();
        _writer.Join();
        FailLeftovers(); // also waits for a caller's batch still in progress
    }

    private void WriteLoop()
    {
        var batch = new List<PendingCommit>(_maxBatchSize);
        while (true)
        {
            WaitForWake();
            lock (_writing)
            {
                while (WriteBatch(batch)) batch.Clear();
            }
            if (_closed && _pending.IsEmpty) return;
        }
    }

    /// <summary>Writes up to a batch from the front of the queue; false when it was empty. Called under the write lock.</summary>
    private bool WriteBatch(List<PendingCommit> batch)
    {
        while (batch.Count < _maxBatchSize && _pending.TryDequeue(out var pending)) batch.Add(pending);
        if (batch.Count == 0) return false;
        _lastBatchSize = batch.Count;
        var started = Stopwatch.GetTimestamp();
        _commitBatch(batch);
        StoreMetrics.BatchCommitted(batch.Count, Stopwatch.GetElapsedTime(started));
        return true;
    }

    private void Wake()
    {
        lock (_wakeSignal)
        {
            _woken = true;
            Monitor.Pulse(_wakeSignal);
        }
    }

    private void WaitForWake()
    {
        lock (_wakeSignal)
        {
            while (!_woken) Monitor.Wait(_wakeSignal);
            _woken = false;
        }
    }

    private void FailLeftovers()
    {
        lock (_writing)
        {
            while (_pending.TryDequeue(out var pending)) pending.Fail(Closed());
        }
    }

    private static ObjectDisposedException Closed() =>
        new(nameof(LiteDbCheckpointStore), "The checkpoint store was closed before this commit was written; nothing of it was stored.");
}
