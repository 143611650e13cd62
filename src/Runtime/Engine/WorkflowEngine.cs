using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Workflows.Diagnostics;
using Workflows.Execution;
using Workflows.Serialization;
using Workflows.Storage;

namespace Workflows;

/// <summary>
/// Runs workflow instances in this process against one checkpoint store. Opening an engine resumes every
/// unfinished instance of the store where it stopped; <see cref="Client"/> starts, queries and controls instances.
/// </summary>
public sealed class WorkflowEngine : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, InstanceRunner> _runners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _stalled = new(StringComparer.Ordinal);
    // Only drivers still running: a long-lived engine starts a runner per resume, and must not keep every one.
    private readonly ConcurrentDictionary<Task, byte> _drivers = new();
    // Consecutive write failures per instance, for the backoff of its next resume.
    private readonly ConcurrentDictionary<string, int> _writeFailures = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly bool _ownsStore;
    private readonly WorkflowSet _workflows;
    private readonly ILogger _logger;
    private readonly StepGate _steps;
    private readonly SemaphoreSlim? _instanceSlots;
    private readonly int? _maxRecoveryAttempts;
    private readonly Task _retention;
    // Local or shared: on a shared store this engine runs only the instances it leased.
    private readonly IStoreWork _work;
    private int _disposed;

    /// <summary>How many instances an engine on a shared store leases at most when MaxConcurrentInstances is not set.</summary>
    internal const int DefaultSharedCapacity = 100;

    private WorkflowEngine(WorkflowEngineOptions options)
    {
        EngineOptionsValidation.Validate(options);
        Store = options.CreateStore();
        _ownsStore = options.OwnsStore;
        _workflows = new WorkflowSet(options, () => Client);
        _logger = options.LoggerFactory.CreateLogger("Workflows.Engine");
        _steps = new StepGate(options.MaxConcurrentSteps);
        _instanceSlots = options.MaxConcurrentInstances is { } max ? new SemaphoreSlim(max, max) : null;
        _maxRecoveryAttempts = options.MaxRecoveryAttempts;
        Runtime = new RuntimeServices(Store, new PayloadSerializer(options.JsonSerializerOptions, options.MaxPayloadBytes),
            options.LoggerFactory, options.Services, new EngineInstanceHost(this), options.KeepContinuedExecutions, options.EvictSuspendedAfter, _steps, options.TimeProvider, options.StepReplacements, _stopping.Token)
        {
            ContinueAsNewSuggestedAfter = options.ContinueAsNewSuggestedAfter,
        };
        Queries = new InstanceQueries(this, _workflows);
        SuspendedRuns = new SuspendedRuns(this);
        Client = new WorkflowClient(new EngineClientAccess(this));
        Schedules = new WorkflowSchedules(Client, Runtime.Serializer, name => _workflows.TryGet(name, out var workflow) ? workflow : null, options.TimeProvider);
        _work = Store is ISharedCheckpointStore shared
            ? new SharedStoreWork(shared, this, _workflows, options.MaxConcurrentInstances ?? DefaultSharedCapacity, _logger)
            : new LocalStoreWork(this, _workflows);
        Resumed = Task.Run(_work.StartAsync);
        Ready = Scheduling.DeclaredSchedules.ReconcileAfterAsync(Resumed, Schedules, _workflows.Declaring, name => _workflows.TryGet(name, out _), _logger, _stopping.Token);
        _retention = options.RetainFinishedFor is { } retain ? Task.Run(() => FinishedRetention.RunAsync(Store, retain, options.TimeProvider, _logger, _stopping.Token)) : Task.CompletedTask;
    }

    /// <summary>Opens an engine on the embedded LiteDB file at <paramref name="path"/> and resumes its unfinished instances.</summary>
    /// <param name="path">The checkpoint file; created when missing.</param>
    /// <param name="configure">Registers workflows and sets other options.</param>
    /// <exception cref="CheckpointStoreException">The file is corrupt, in use by another process, or from a newer version.</exception>
    public static WorkflowEngine Open(string path, Action<WorkflowEngineOptions>? configure = null)
    {
        var options = new WorkflowEngineOptions().UseLiteDb(path);
        configure?.Invoke(options);
        return new WorkflowEngine(options);
    }

    /// <summary>Creates an engine from <paramref name="options"/> and resumes the store's unfinished instances.</summary>
    public static WorkflowEngine Create(WorkflowEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WorkflowEngine(options);
    }

    /// <summary>Starts, queries and controls instances.</summary>
    public WorkflowClient Client { get; }

    /// <summary>Resuming the store's instances: <see cref="Ready"/> also waits for the declared schedules, whose failure leaves the engine running.</summary>
    internal Task Resumed { get; }

    /// <summary>Creates, changes and reads the durable schedules that start workflows at set times.</summary>
    public WorkflowSchedules Schedules { get; }

    /// <summary>Completes once every unfinished instance found at open has been resumed (or found unable to resume) and the declared schedules (<see cref="ScheduleAttribute"/>) are in line with the code.</summary>
    public Task Ready { get; }

    internal bool TryGetWorkflow(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out WorkflowDefinition definition) =>
        _workflows.TryGet(name, out definition);

    /// <exception cref="WorkflowNotRegisteredException">No workflow has that name.</exception>
    internal WorkflowDefinition GetWorkflow(string name) => _workflows.Get(name);

    internal ICheckpointStore Store { get; }

    /// <summary>Where the runs of suspended instances end and resumed ones start again.</summary>
    internal SuspendedRuns SuspendedRuns { get; }

    internal bool IsStopping => Volatile.Read(ref _disposed) != 0;

    internal RuntimeServices Runtime { get; }

    internal InstanceQueries Queries { get; }

    internal UpdateWaiters Updates { get; } = new();

    internal bool TryGetRunner(string instanceId, out InstanceRunner runner) => _runners.TryGetValue(instanceId, out runner!);

    /// <summary>
    /// Whether nothing in this engine can make progress before workflow time moves on: no step attempt runs, and every
    /// instance it holds only waits (for timers, events, children or a retry's time) with nothing queued.
    /// </summary>
    internal bool WaitsOnTime => _steps.IsIdle && _runners.Values.All(runner => runner.Driver.WaitsOnTime);

    /// <summary>How many instances have a runner in this engine.</summary>
    internal int RunnerCount => _runners.Count;

    /// <summary>What differs between a store of this engine's own and a shared one.</summary>
    internal IStoreWork Work => _work;

    /// <summary>Records why a running instance makes no progress here (until it runs again).</summary>
    internal void Stalled(string instanceId, string reason) => _stalled[instanceId] = reason;

    internal string? StalledReason(string instanceId) =>
        _runners.TryGetValue(instanceId, out var runner) && runner.HaltReason is { } halt ? halt.Message : _stalled.GetValueOrDefault(instanceId);

    internal void StartRunner(InstanceRecord instance, WorkflowDefinition definition, IReadOnlyList<JournalEntry> journal, bool resumed = false, Task? counted = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var runner = new InstanceRunner(Runtime, definition, instance, journal, resumed) { Prelude = counted };
        _stalled.TryRemove(instance.InstanceId, out _);
        _runners[instance.InstanceId] = runner;
        _ = runner.Completion.ContinueWith(
            finished =>
            {
                Forget(instance.InstanceId, runner);
                _writeFailures.TryRemove(instance.InstanceId, out _);
                _work.RunnerGone(instance.InstanceId, ended: true);
            },
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        _ = runner.Completion.ContinueWith(
            ended => Halted(runner, ended.Exception!.InnerException),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var driver = _instanceSlots is null ? runner.RunAsync() : RunInSlotAsync(runner, _instanceSlots);
        _drivers[driver] = 0;
        _ = driver.ContinueWith(done => _drivers.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Runs an instance recorded in the store: its current execution's journal is loaded and replayed. With
    /// <c>afterStop</c> a run before this one may have stopped while running the instance's steps (their attempts then
    /// count); not after a suspension, whose run recorded its attempts in flight before it let go.
    /// </summary>
    /// <summary>Starts a run of <paramref name="instance"/> from its journal; a <paramref name="recovered"/> one (the process that had its store open died) counts against MaxRecoveryAttempts.</summary>
    internal async Task ResumeFromJournalAsync(InstanceRecord instance, WorkflowDefinition definition, bool afterStop, bool recovered, CancellationToken cancellationToken)
    {
        var journal = await Store.LoadJournalAsync(instance.InstanceId, instance.Execution, cancellationToken).ConfigureAwait(false);
        Task? counted = null;
        if (recovered && (definition.MaxRecoveryAttempts ?? _maxRecoveryAttempts) is { } limit)
        {
            (journal, counted) = await RecoveryCounting.CountAsync(this, instance, journal, limit).ConfigureAwait(false);
            if (counted is null) return;
        }
        // A shared store hands out new instances this way too; one that recorded nothing cannot tell a first run from
        // one after a crash, so only its own store's instances count the steps their earlier runs left unfinished.
        StartRunner(instance, definition, journal, resumed: afterStop && (journal.Count > 0 || !_work.IsShared) && !JournalRerun.IsUnstarted(journal), counted);
    }

    /// <summary>
    /// A runner stopped without finishing. After a failed write it is resumed; on a shared store, after its lease was
    /// lost, it is dropped (another worker runs it). Any other reason (its journal no longer matches the code, its input
    /// does not read) leaves it here to report why, holding its lease until this engine stops, as an instance stays
    /// put in a single process until the code is fixed and the process restarted.
    /// </summary>
    private void Halted(InstanceRunner runner, Exception? reason)
    {
        if (_work.LostToAnotherWorker(reason))
        {
            Forget(runner.InstanceId, runner);
            _work.RunnerGone(runner.InstanceId, ended: false);
            return;
        }
        RetryAfterWriteFailure(runner, reason);
    }

    /// <summary>
    /// An instance halted because the store could not write (a full disk, an I/O error) is not lost: nothing of the
    /// failed write was acknowledged. It leaves memory and is resumed from its journal after a backoff (1 s doubling
    /// to 1 min), until the store accepts writes again.
    /// </summary>
    private void RetryAfterWriteFailure(InstanceRunner runner, Exception? reason)
    {
        if (reason is not CheckpointStoreException { Error: CheckpointStoreError.WriteFailed } || Volatile.Read(ref _disposed) != 0) return;
        var failures = _writeFailures.AddOrUpdate(runner.InstanceId, 1, (_, n) => n + 1);
        var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, failures - 1)));
        var retryAt = DateTime.UtcNow + delay;
        if (!TryGetRunner(runner.InstanceId, out var current) || current != runner) return;
        Log.RetryingAfterWriteFailure(_logger, reason, runner.InstanceId, retryAt);
        var why = $"{reason.Message} The engine resumes it from its journal at {retryAt:O} (attempt {failures + 1}).";
        if (_work.RetryLater(runner.InstanceId, retryAt, why)) Forget(runner.InstanceId, runner);
    }

    private async Task RunInSlotAsync(InstanceRunner runner, SemaphoreSlim slots)
    {
        try
        {
            await slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            runner.Abandon(); // Stopping before it had a slot: it resumes when the store is opened again.
            return;
        }
        try
        {
            await runner.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Hands a stored message to the instance's runner, or resumes the instance if it is suspended.</summary>
    internal void DeliverOrWake(InboxMessage message)
    {
        if (TryGetRunner(message.InstanceId, out var runner)) runner.Deliver(message);
        else _work.Wake(message.InstanceId);
    }

    /// <summary>How many running instances are suspended (indexed, not in memory).</summary>
    internal int SuspendedCount => _work.SuspendedCount;

    internal ILogger Logger => _logger;

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Drops <paramref name="runner"/> from the runners here, unless a later runner of the instance took its place.</summary>
    internal void Forget(string instanceId, InstanceRunner runner) =>
        _runners.TryRemove(new KeyValuePair<string, InstanceRunner>(instanceId, runner));

    /// <summary>
    /// Stops the engine gracefully: no new step attempt starts, the attempts in flight may finish and their results
    /// are committed until <paramref name="cancellationToken"/> fires, then the engine stops as
    /// <see cref="DisposeAsync"/> does. Instances resume where they stopped when the store is opened again.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _steps.DrainAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the attempts still running are abandoned and run again on resume.
        }
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the engine: running instances stop where they are (their durable progress stays and they resume when
    /// the store is opened again), pending writes are committed, and an owned store is closed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _work.DisposeAsync().ConfigureAwait(false);
        foreach (var runner in _runners.Values) runner.Abandon();
        try
        {
            await Task.WhenAll(_drivers.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Drivers stop at their next await; a stuck one must not keep the store open.
        }
        try
        {
            await Resumed.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Resuming was cut short by the stop; the instances resume next time.
        }
        // Declared schedules that could not be set up were reported through Ready; the stop must still close the store.
        await Ready.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        await _retention.ConfigureAwait(false);
        if (_ownsStore) await Store.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        SuspendedRuns.Dispose();
    }
}
