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

        Assert.That(await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".schema_versions"), Is.EqualTo(2L), "one row per migration, each applied once");
        await using var again = await PostgreSqlCheckpointStore.OpenAsync(Options());
        Assert.That(await again.ListInstancesAsync(), Is.Empty, "reopening an up-to-date schema changes nothing");
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
