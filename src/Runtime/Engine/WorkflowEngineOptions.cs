using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Workflows.Storage.InMemory;
using Workflows.Storage.LiteDb;
using Workflows.Storage;

namespace Workflows;

/// <summary>How a <see cref="WorkflowEngine"/> is built: its store, its workflows and its services.</summary>
public sealed class WorkflowEngineOptions
{
    private Func<ICheckpointStore>? _storeFactory;

    /// <summary>The workflows the engine can start and resume.</summary>
    public WorkflowRegistry Workflows { get; } = new();

    /// <summary>
    /// Whether the engine also runs the workflows the source generator found in the loaded assemblies (on by default).
    /// A workflow in <see cref="Workflows"/> takes precedence over a generated one of the same name.
    /// </summary>
    public bool IncludeGeneratedWorkflows { get; set; } = true;

    /// <summary>
    /// How long an instance that waits only for timers, events or children stays in memory. After that its runner is
    /// dropped and the engine keeps an index entry; the instance is replayed from its journal when a timer is due or
    /// a message arrives. Default 30 seconds; null keeps every running instance in memory.
    /// </summary>
    public TimeSpan? EvictSuspendedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the journal of an execution is kept after the instance continued as new (on by default, for
    /// inspection). Off, it is deleted in the same commit that starts the next execution.
    /// </summary>
    public bool KeepContinuedExecutions { get; set; } = true;

    /// <summary>
    /// The most instances whose workflow code is in memory at once; null (the default) for no limit. Further
    /// instances are durably started and wait for a slot. An instance holds its slot while it waits for a child
    /// until it is evicted (see <see cref="EvictSuspendedAfter"/>), so keep eviction on when you set a limit. On a
    /// store shared with other engines it is also how many instances this engine leases at once (100 when not set).
    /// </summary>
    public int? MaxConcurrentInstances { get; set; }

    /// <summary>The most live step attempts running at once across all instances; null (the default) for no limit.</summary>
    public int? MaxConcurrentSteps { get; set; }

    /// <summary>
    /// How long finished instances (completed, failed, cancelled, terminated) are kept before the engine purges them
    /// with their journals; null (the default) keeps them until <see cref="IWorkflowClient.PurgeAsync"/> is called.
    /// </summary>
    public TimeSpan? RetainFinishedFor { get; set; }

    /// <summary>
    /// The clock of workflow time: durable timers, event-wait and workflow timeouts, step backoff and timeouts,
    /// <see cref="Workflow.UtcNow"/>, the wake-ups of instances that left memory and the retention of finished ones. Default <see cref="TimeProvider.System"/>;
    /// a test environment passes a clock it advances.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Step bodies a test environment runs in place of the real ones; null in production.</summary>
    internal Execution.StepReplacements? StepReplacements { get; set; }

    /// <summary>Options for every stored payload (inputs, results, durable values). Type names are never stored.</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.General);

    /// <summary>The default of <see cref="ContinueAsNewSuggestedAfter"/>.</summary>
    public const int DefaultContinueAsNewSuggestedAfter = 10_000;

    /// <summary>
    /// How many durable calls an execution makes before <see cref="Workflow.ContinueAsNewSuggested"/> turns true (default
    /// 10,000): past it, replaying the execution takes noticeably long, and a loop should continue as new. Counted in the
    /// code's own calls, so the answer is the same on every replay; a replay checks a history with the value it ran under.
    /// </summary>
    public int ContinueAsNewSuggestedAfter { get; set; } = DefaultContinueAsNewSuggestedAfter;

    /// <summary>The default of <see cref="MaxRecoveryAttempts"/>.</summary>
    public const int DefaultMaxRecoveryAttempts = 100;

    /// <summary>
    /// How often in a row an instance may be recovered (resumed after the process that had its store open died) without
    /// recording anything new in between (default 100; null for no limit): past it, the instance is suspended with a
    /// reason that says so instead of taking the process down again, until <see cref="WorkflowClient.ResumeAsync"/>
    /// lets it run again. <see cref="WorkflowDefinition.MaxRecoveryAttempts"/> overrides it per workflow.
    /// </summary>
    public int? MaxRecoveryAttempts { get; set; } = DefaultMaxRecoveryAttempts;

    /// <summary>The largest payload, in bytes of UTF-8 JSON, a single value may have. Default 16 MB.</summary>
    public int MaxPayloadBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Where the engine and <see cref="Workflow.Logger"/> log.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Services that workflow factories build workflow objects from; null when none.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>Whether the engine disposes the store when it is disposed.</summary>
    internal bool OwnsStore { get; private set; }

    /// <summary>Checkpoints to the embedded LiteDB file at <paramref name="path"/> (the default store).</summary>
    public WorkflowEngineOptions UseLiteDb(string path, LiteDbStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _storeFactory = () => LiteDbCheckpointStore.Open(path, options);
        OwnsStore = true;
        return this;
    }

    /// <summary>Keeps checkpoints in memory only: for tests, nothing survives the process.</summary>
    public WorkflowEngineOptions UseInMemory() => UseStore(new InMemoryCheckpointStore(), ownsStore: true);

    /// <summary>Checkpoints to <paramref name="store"/>; disposed with the engine when <paramref name="ownsStore"/> is set.</summary>
    public WorkflowEngineOptions UseStore(ICheckpointStore store, bool ownsStore = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        _storeFactory = () => store;
        OwnsStore = ownsStore;
        return this;
    }

    /// <summary>
    /// Checkpoints to the store <paramref name="open"/> returns, called once when the engine is created; the engine
    /// owns that store and disposes it.
    /// </summary>
    public WorkflowEngineOptions UseStore(Func<ICheckpointStore> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        _storeFactory = open;
        OwnsStore = true;
        return this;
    }

    /// <summary>Whether a store was chosen with <see cref="UseLiteDb"/>, <see cref="UseInMemory"/> or <see cref="UseStore(ICheckpointStore, bool)"/>.</summary>
    public bool HasStore => _storeFactory is not null;

    internal ICheckpointStore CreateStore() => _storeFactory?.Invoke()
        ?? throw new InvalidOperationException("No checkpoint store is configured: call UseLiteDb(path), UseInMemory() or UseStore(store) on WorkflowEngineOptions.");
}
