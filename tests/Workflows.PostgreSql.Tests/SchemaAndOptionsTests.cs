using Workflows.Storage;

namespace Workflows.PostgreSql.Tests;

/// <summary>Opening the store: migrations under concurrency, newer schemas, bad options, an unreachable server.</summary>
public sealed class SchemaAndOptionsTests
{
    private string _schema = null!;

    [SetUp]
    public void SetUp() => _schema = PostgresServer.NewSchema();

    [TearDown]
    public Task TearDown() => PostgresServer.DropSchemaAsync(_schema);

    private PostgreSqlStoreOptions Options() => new() { ConnectionString = PostgresServer.ConnectionString, Schema = _schema };

    [Test]
    public async Task Workers_starting_at_once_on_a_new_schema_create_it_once()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostgreSqlCheckpointStore.OpenAsync(Options()))));
        foreach (var store in stores) await store.DisposeAsync();

        Assert.That(await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".schema_versions"), Is.EqualTo(3L), "one row per migration, each applied once");
        await using var again = await PostgreSqlCheckpointStore.OpenAsync(Options());
        Assert.That(await again.ListInstancesAsync(), Is.Empty, "reopening an up-to-date schema changes nothing");
    }

    [Test]
    public async Task A_schema_at_version_2_is_upgraded_and_its_journal_still_reads()
    {
        var schema = $"\"{_schema}\"";
        await PostgresServer.ScalarAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.schema_versions (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var (version, description, sql) in Workflows.PostgreSql.Schema.Migrations.All(schema).Where(m => m.Version <= 2))
        {
            await PostgresServer.ScalarAsync(sql);
            await PostgresServer.ScalarAsync($"INSERT INTO {schema}.schema_versions (version, description) VALUES ({version}, '{description}')");
        }
        await PostgresServer.ScalarAsync($"""
            INSERT INTO {schema}.instances (instance_id, workflow_name, status, execution, parent_execution, created_at, updated_at)
                VALUES ('old-1', 'Old', 1, 1, 0, 638000000000000000, 638000000000000000);
            INSERT INTO {schema}.journal (instance_id, execution, operation_id, kind, name, scope, sequence, status, completion_index, result, attempts, recorded_at)
                VALUES ('old-1', 1, '/Charge#1', 0, 'Charge', '', 1, 1, 1, '42', 1, 638000000000000000)
            """);

        await using var store = await PostgreSqlCheckpointStore.OpenAsync(Options());

        Assert.That(await PostgresServer.ScalarAsync($"SELECT max(version) FROM {schema}.schema_versions"), Is.EqualTo(3));
        var entry = (await store.LoadJournalAsync("old-1", 1)).Single();
        Assert.That((entry.OperationId, entry.Result, entry.Detail, entry.StartedAt), Is.EqualTo(("/Charge#1", "42", (string?)null, (DateTime?)null)));
        var page = await store.QueryInstancesAsync(new InstanceQuery { WorkflowName = "Old" });
        Assert.That(page.Instances.Select(i => i.InstanceId), Is.EqualTo(new[] { "old-1" }));
    }

    [Test]
    public async Task A_schema_written_by_a_newer_version_is_refused_untouched()
    {
        await (await PostgreSqlCheckpointStore.OpenAsync(Options())).DisposeAsync();
        await PostgresServer.ScalarAsync($"INSERT INTO \"{_schema}\".schema_versions (version, description) VALUES (99, 'from the future')");

        var error = await Assert.ThrowsAsync<CheckpointStoreException>(() => PostgreSqlCheckpointStore.OpenAsync(Options()));

        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.NewerSchema));
        Assert.That(error.Message, Does.Contain(_schema).And.Contain("version 99").And.Contain("Upgrade"));
        Assert.That(await PostgresServer.ScalarAsync($"SELECT max(version) FROM \"{_schema}\".schema_versions"), Is.EqualTo(99));
    }

    [Test]
    public async Task An_unreachable_server_is_reported_with_where_and_what_to_check()
    {
        var options = Options();
        options.ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Database=nowhere;Timeout=3";

        var error = await Assert.ThrowsAsync<CheckpointStoreException>(() => PostgreSqlCheckpointStore.OpenAsync(options));

        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.Unavailable));
        Assert.That(error.Message, Does.Contain("'nowhere' on 127.0.0.1:1").And.Contain("connection string"));
    }

    [TestCase("Bad-Name")]
    [TestCase("")]
    [TestCase("a;drop")]
    public async Task A_bad_schema_name_is_refused_before_connecting(string schema)
    {
        var options = Options();
        options.Schema = schema;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => PostgreSqlCheckpointStore.OpenAsync(options));

        Assert.That(error!.Message, Does.Contain("schema name"));
    }

    [Test]
    public async Task Lease_timings_that_cannot_keep_a_lease_are_refused_naming_the_option()
    {
        var options = Options();
        options.LeaseDuration = TimeSpan.FromSeconds(4);
        options.HeartbeatInterval = TimeSpan.FromSeconds(3);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => PostgreSqlCheckpointStore.OpenAsync(options));

        Assert.That(error!.Message, Does.Contain("HeartbeatInterval").And.Contain("half of LeaseDuration"));
    }

    [Test]
    public async Task A_malformed_connection_string_is_refused_naming_the_option()
    {
        var options = Options();
        options.ConnectionString = "Host=localhost;Frobnicate=yes";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => PostgreSqlCheckpointStore.OpenAsync(options));

        Assert.That(error!.Message, Does.Contain("ConnectionString"));
    }

    [Test]
    public async Task The_engine_option_opens_the_store_with_the_engine()
    {
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false }.UsePostgreSql(PostgresServer.ConnectionString, o => o.Schema = _schema);
        options.Workflows.Add<int, int>("Double", x => Task.FromResult(x * 2));

        await using var engine = WorkflowEngine.Create(options);

        Assert.That(await engine.Client.RunAsync<int, int>("Double", 21).WaitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(42));
    }
}
