using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Workflows.Diagnostics;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// How an engine finds its work in a store other engines share: it runs only the instances it leased. A claim loop
/// leases claimable instances while the engine has room (at once when signalled, otherwise when the next timer or
/// expiring lease is due, at least every poll interval); a signal loop hands messages to the instances running here
/// and stops those whose lease was lost.
/// </summary>
internal sealed class SharedStoreWork : IStoreWork
{
    private const int MaxClaimBatch = 64;

    private readonly ISharedCheckpointStore _store;
    private readonly WorkflowEngine _engine;
    private readonly WorkflowSet _workflows;
    private readonly IReadOnlyCollection<string> _workflowNames;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<bool> _kicks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    // Clients waiting for an instance that may run on another worker, woken when it changes.
    private readonly InstanceChangeWaiters _waiters = new();
    // Changes announced for instances with no runner here: one claimed in that moment (a suspend right after its start)
    // has not registered its runner yet, and hears of them once it has.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _unheard = new(StringComparer.Ordinal);
    private Task _claimLoop = Task.CompletedTask;
    private Task _signalLoop = Task.CompletedTask;

    public SharedStoreWork(ISharedCheckpointStore store, WorkflowEngine engine, WorkflowSet workflows, int capacity, ILogger logger)
    {
        _store = store;
        _engine = engine;
        _workflows = workflows;
        _workflowNames = workflows.Names;
        _capacity = capacity;
        _logger = logger;
    }

    /// <summary>Claims the first instances, then keeps claiming and listening in the background.</summary>
    public async Task StartAsync()
    {
        _signalLoop = Task.Run(ListenAsync);
        var next = await TryClaimRoundAsync().ConfigureAwait(false);
        if (!_stop.IsCancellationRequested) _claimLoop = Task.Run(() => ClaimLoopAsync(next));
    }

    /// <summary>Asks for a claim round soon: work may be waiting, or this engine has room again.</summary>
    public void Kick() => _kicks.Writer.TryWrite(true);

    public bool IsShared => true;

    // An instance that only waits is released to the store, not kept here.
    public int SuspendedCount => 0;

    public WorkflowDefinition? FindWorkflow(string name) => _workflows.TryGet(name, out var definition) ? definition : null;

    // The first worker with room claims it (often this one).
    public void RunNew(InstanceRecord instance, WorkflowDefinition definition) => Kick();

    // A new instance (a child) waits for the first worker with room to claim it; the next execution of an instance
    // leased here stays here.
    public void RunNext(InstanceRecord instance)
    {
        if (_store.HoldsLease(instance.InstanceId)) _engine.StartRunner(instance, _engine.GetWorkflow(instance.WorkflowName), []);
        else Kick();
    }

    public void Wake(string instanceId) => Kick();

    public void LetGo(string instanceId, DateTime? wakeAt) => _ = ReleaseAsync(instanceId, wakeAt);

    // Released with the retry time as its wake time: whichever worker is healthy then resumes it.
    public bool RetryLater(string instanceId, DateTime retryAt, string why)
    {
        _ = ReleaseAsync(instanceId, retryAt);
        return true;
    }

    public bool LostToAnotherWorker(Exception? reason) => reason is CheckpointStoreException { Error: CheckpointStoreError.LeaseLost };

    public void RunnerGone(string instanceId, bool ended)
    {
        Kick();
        if (ended) _waiters.Changed(instanceId);
    }

    public void Forget(string instanceId)
    {
    }

    public Task? WhenWoken(string instanceId) => null;

    public Task WhenChangedElsewhereAsync(string instanceId, CancellationToken cancellationToken) =>
        _waiters.WhenChangedAsync(instanceId, _store.PollInterval, cancellationToken);

    /// <summary>Lets go of an instance that only waits, so any worker can resume it when it is due.</summary>
    private async Task ReleaseAsync(string instanceId, DateTime? wakeAt)
    {
        try
        {
            await _store.ReleaseAsync(instanceId, wakeAt, _stop.Token).ConfigureAwait(false);
            WorkflowMetrics.InstanceReleased();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return; // Stopping: the store gives every lease up as it closes.
        }
        catch (Exception ex)
        {
            // The lease runs out instead, and another round claims the instance then.
            Log.ReleaseFailed(_logger, ex, instanceId);
        }
        Kick();
    }

    private async Task ClaimLoopAsync(TimeSpan? next)
    {
        while (!_stop.IsCancellationRequested)
        {
            var wait = next is { } due && due < _store.PollInterval ? due : _store.PollInterval;
            if (wait > TimeSpan.Zero)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(wait);
                try
                {
                    await _kicks.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    // Due, or the poll interval passed.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            try
            {
                next = await TryClaimRoundAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <summary>A claim round whose failure (an unreachable database) is logged; the next round comes at the poll interval.</summary>
    private async Task<TimeSpan?> TryClaimRoundAsync()
    {
        try
        {
            return await ClaimRoundAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
        {
            Log.ClaimFailed(_logger, ex, _store.WorkerId);
            return null;
        }
    }

    /// <summary>Claims what fits and starts it; returns when to look again (zero when more may be waiting).</summary>
    private async Task<TimeSpan?> ClaimRoundAsync()
    {
        var room = Math.Min(MaxClaimBatch, _capacity - _engine.RunnerCount);
        // Nearly full, a round per ending instance would claim one at a time; wait until a few slots are free.
        if (room < Math.Clamp(_capacity / 8, 1, 16)) return null; // An instance ending here kicks the next round.
        _unheard.Clear();
        var claim = await _store.ClaimAsync(_workflowNames, room, _stop.Token).ConfigureAwait(false);
        foreach (var instance in claim.Instances)
        {
            try
            {
                // Not counted as recoveries on a shared store yet: counted at take-overs, they made crash-harness workers hang (cause not found yet).
                await _engine.ResumeFromJournalAsync(instance, _engine.GetWorkflow(instance.WorkflowName), afterStop: true, recovered: false, _stop.Token).ConfigureAwait(false);
                if (_unheard.TryRemove(instance.InstanceId, out _)) await RefreshAsync(instance.InstanceId).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
            {
                // Leased but not started: give it back rather than hold it with nothing running it.
                Log.ClaimFailed(_logger, ex, _store.WorkerId);
                _ = ReleaseAsync(instance.InstanceId, DateTime.UtcNow);
            }
        }
        if (claim.Instances.Count > 0)
        {
            Log.Claimed(_logger, claim.Instances.Count, _store.WorkerId);
            WorkflowMetrics.InstancesClaimed(claim.Instances.Count);
        }
        return claim.Instances.Count == room ? TimeSpan.Zero : claim.NextWakeIn;
    }

    private async Task ListenAsync()
    {
        try
        {
            await foreach (var signal in _store.Signals.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (signal.Kind == StoreSignalKind.LeaseLost && signal.InstanceId is { } lost)
                {
                    StopLostInstance(lost);
                    continue;
                }
                if (signal.InstanceId is { } changed)
                {
                    if (_engine.TryGetRunner(changed, out _)) await RefreshAsync(changed).ConfigureAwait(false);
                    else
                    {
                        _unheard[changed] = true;
                        // Registered meanwhile: whichever side removes the mark refreshes it.
                        if (_engine.TryGetRunner(changed, out _) && _unheard.TryRemove(changed, out _)) await RefreshAsync(changed).ConfigureAwait(false);
                    }
                }
                if (signal.Kind == StoreSignalKind.Changed) Kick();
                _waiters.Changed(signal.InstanceId);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
            // Stopping.
        }
    }

    private void StopLostInstance(string instanceId)
    {
        if (!_engine.TryGetRunner(instanceId, out var runner)) return;
        Log.LeaseLost(_logger, instanceId, _store.WorkerId);
        WorkflowMetrics.LeaseLost();
        runner.Halt(new CheckpointStoreException(CheckpointStoreError.LeaseLost,
            $"Worker '{_store.WorkerId}' lost the lease of workflow instance '{instanceId}' (it could not renew it in time, or another worker took it over). " +
            "It stopped running the instance here; the worker that holds the lease resumes it from its journal."));
    }

    /// <summary>Hands the stored messages of an instance running here to its runner, or ends it if it was terminated elsewhere.</summary>
    private async Task RefreshAsync(string instanceId)
    {
        try
        {
            var record = await _store.GetInstanceAsync(instanceId, _stop.Token).ConfigureAwait(false);
            if (!_engine.TryGetRunner(instanceId, out var runner)) return;
            if (record is { Status: WorkflowStatus.Suspended })
            {
                // Suspended from another worker: the run winds down here and gives the lease up.
                runner.Lifecycle.Suspended(record);
                return;
            }
            if (record is null || record.Status.IsTerminal())
            {
                if (record is { Status: WorkflowStatus.Terminated })
                {
                    runner.Terminated(record);
                    _engine.Forget(instanceId, runner);
                }
                return;
            }
            foreach (var message in await _store.LoadInboxAsync(instanceId, _stop.Token).ConfigureAwait(false)) runner.Deliver(message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
        {
            // The next signal or the runner's own inbox read at resume picks the message up.
            Log.RefreshFailed(_logger, ex, instanceId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_claimLoop, _signalLoop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        // _stop is not disposed: the first claim round may still be finishing on the engine's start task, and it
        // must find the source cancelled, not disposed (a source without timers holds nothing to release).
    }
}
