using Workflows.Storage;
using Workflows.Storage.InMemory;

namespace Workflows.Runtime.Tests.Support;

/// <summary>Opens engines on one store and reopens them, as a process restart would.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly StoreKind _kind;
    private readonly InMemoryCheckpointStore _memory = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workflows-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string _schema = Workflows.PostgreSql.Tests.PostgresServer.NewSchema();

    public EngineHarness(StoreKind kind)
    {
        _kind = kind;
        // Skips a PostgreSQL test here, before the test body, where an assertion could mistake the skip for its result.
        if (kind == StoreKind.PostgreSql) _ = Workflows.PostgreSql.Tests.PostgresServer.ConnectionString;
        Directory.CreateDirectory(_directory);
    }

    public string DatabasePath => Path.Combine(_directory, "checkpoints.db");

    public WorkflowEngine? Engine { get; private set; }

    public WorkflowClient Client => Engine!.Client;

    public ICheckpointStore Store => Engine!.Store;

    public WorkflowEngine Open(Action<WorkflowRegistry> register, Action<WorkflowEngineOptions>? configure = null)
    {
        var options = new WorkflowEngineOptions();
        if (_kind == StoreKind.LiteDb) options.UseLiteDb(DatabasePath);
        else if (_kind == StoreKind.PostgreSql) options.UsePostgreSql(Workflows.PostgreSql.Tests.PostgresServer.ConnectionString, o => { o.Schema = _schema; o.PollInterval = TimeSpan.FromMilliseconds(100); });
        else options.UseStore(_memory);
        register(options.Workflows);
        configure?.Invoke(options);
        return Engine = WorkflowEngine.Create(options);
    }

    /// <summary>Opens an engine whose store dies at the first commit <paramref name="diesAt"/> matches.</summary>
    public DyingStore OpenDying(Action<WorkflowRegistry> register, Func<IReadOnlyList<StoreMutation>, bool> diesAt)
    {
        var dying = _kind switch
        {
            StoreKind.LiteDb => new DyingStore(Workflows.Storage.LiteDb.LiteDbCheckpointStore.Open(DatabasePath), diesAt, ownsInner: true),
            // Wrapped, the store is not shared: the engine runs every instance itself, as on one machine.
            StoreKind.PostgreSql => new DyingStore(Workflows.PostgreSql.PostgreSqlCheckpointStore.OpenAsync(new() { ConnectionString = Workflows.PostgreSql.Tests.PostgresServer.ConnectionString, Schema = _schema }).GetAwaiter().GetResult(), diesAt, ownsInner: true),
            _ => new DyingStore(_memory, diesAt, ownsInner: false),
        };
        var options = new WorkflowEngineOptions().UseStore(dying, ownsStore: true);
        register(options.Workflows);
        Engine = WorkflowEngine.Create(options);
        return dying;
    }

    /// <summary>Stops the engine (in-flight steps are abandoned, not recorded) and opens a new one on the same store.</summary>
    public async Task<WorkflowEngine> RestartAsync(Action<WorkflowRegistry> register, Action<WorkflowEngineOptions>? configure = null)
    {
        if (Engine is not null) await Engine.DisposeAsync();
        return Open(register, configure);
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId) =>
        (await Store.LoadJournalAsync(instanceId, 1)).OrderBy(e => e.Scope).ThenBy(e => e.Sequence).ToList();

    public async ValueTask DisposeAsync()
    {
        if (Engine is not null) await Engine.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        if (_kind == StoreKind.PostgreSql && Workflows.PostgreSql.Tests.PostgresServer.Started) await Workflows.PostgreSql.Tests.PostgresServer.DropSchemaAsync(_schema);
    }
}
