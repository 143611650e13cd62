using Workflows.Runtime.Tests.Storage;
using Workflows.Storage;

namespace Workflows.PostgreSql.Tests;

/// <summary>The PostgreSQL store passes the contract of every store, each test in a schema of its own.</summary>
public sealed class PostgreSqlStoreContractTests : CheckpointStoreContract
{
    private string _schema = null!;

    protected override async Task<ICheckpointStore> OpenEmptyStoreAsync()
    {
        _schema = PostgresServer.NewSchema();
        return await PostgreSqlCheckpointStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = PostgresServer.ConnectionString, Schema = _schema });
    }

    protected override Task CleanUpAsync() => PostgresServer.DropSchemaAsync(_schema);
}
