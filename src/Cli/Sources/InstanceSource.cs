using System.CommandLine;
using Workflows.Dashboard;
using Workflows.PostgreSql;
using Workflows.Storage;
using Workflows.Storage.LiteDb;

namespace Workflows.Cli.Sources;

/// <summary>
/// An open source of instances for one command: the inspector every read goes through, and the store itself when the
/// command runs next to it (a file or a database), for what only the store can do (purge).
/// </summary>
internal sealed class InstanceSource : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owned;

    private InstanceSource(IWorkflowInspector inspector, ICheckpointStore? store, string where, string listHint, IAsyncDisposable? owned)
    {
        Inspector = inspector;
        Store = store;
        Where = where;
        ListHint = listHint;
        _owned = owned;
    }

    public IWorkflowInspector Inspector { get; }

    /// <summary>The store, when the command reads it directly; null over <c>--url</c>.</summary>
    public ICheckpointStore? Store { get; }

    /// <summary>The source, for messages: the file's path, the database, the API's address.</summary>
    public string Where { get; }

    /// <summary>The command that lists this source's instances, for "not found" messages.</summary>
    public string ListHint { get; }

    public static async Task<InstanceSource> OpenAsync(ParseResult parse, SourceOptions options, CancellationToken cancellationToken)
    {
        if (parse.GetValue(options.Url) is { } url)
        {
            var address = new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
            var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            return new InstanceSource(new WorkflowsApiClient(http), null, address.ToString(), $"workflows list --url {url}", new DisposableHttp(http));
        }
        ICheckpointStore store;
        string where, hint;
        if (parse.GetValue(options.Postgres) is { } connection)
        {
            try
            {
                var schema = parse.GetValue(options.Schema) ?? "workflows";
                store = await PostgreSqlCheckpointStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = connection, Schema = schema }, cancellationToken);
                where = $"PostgreSQL schema '{schema}'";
                hint = "workflows list --postgres <connection>";
            }
            catch (Exception ex) when (ex is CheckpointStoreException or ArgumentException)
            {
                throw new CliException(ExitCodes.StoreUnavailable, ex.Message, ex);
            }
        }
        else
        {
            var file = options.Database(parse)!;
            store = OpenFile(file, parse.GetValue(options.Password));
            where = $"'{file.FullName}'";
            hint = $"workflows list {file.Name}";
        }
        return new InstanceSource(new WorkflowInspector(store), store, where, hint, store);
    }

    /// <summary>The store, or a usage error saying that <paramref name="what"/> needs one.</summary>
    public ICheckpointStore RequireStore(string what) => Store
        ?? throw new CliException(ExitCodes.Usage, $"{what} needs the store itself (a LiteDB file or --postgres), not a running app's API (--url).");

    /// <summary>The instance, or exit 2 naming the source.</summary>
    public async Task<WorkflowInstanceInfo> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await Inspector.GetStatusAsync(instanceId, cancellationToken);
        }
        catch (WorkflowInstanceNotFoundException ex)
        {
            throw new CliException(ExitCodes.NotFound, $"No workflow instance '{instanceId}' in {Where}. `{ListHint}` shows the instances.", ex);
        }
    }

    /// <summary>Reads something of one execution of <paramref name="instance"/>; an execution it does not have is a usage error.</summary>
    public static async Task<T> OfExecutionAsync<T>(WorkflowInstanceInfo instance, int? execution, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (ArgumentException ex) when (execution is not null)
        {
            throw new CliException(ExitCodes.Usage, $"--execution {execution}: instance '{instance.InstanceId}' has executions 1 to {instance.Execution}.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null) await _owned.DisposeAsync();
    }

    private static LiteDbCheckpointStore OpenFile(FileInfo database, string? password)
    {
        if (!database.Exists)
            throw new CliException(ExitCodes.StoreUnavailable, $"No checkpoint store at '{database.FullName}': the file does not exist.");
        try
        {
            return LiteDbCheckpointStore.Open(database.FullName, new LiteDbStoreOptions { Password = password });
        }
        catch (CheckpointStoreException ex)
        {
            throw new CliException(ExitCodes.StoreUnavailable, ex.Message, ex);
        }
    }

    private sealed class DisposableHttp(HttpClient http) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
