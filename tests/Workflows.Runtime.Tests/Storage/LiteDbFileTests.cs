using LiteDB;
using Workflows.Runtime.Tests.Support;
using Workflows.Storage;
using Workflows.Storage.LiteDb;

namespace Workflows.Runtime.Tests.Storage;

public sealed class LiteDbFileTests
{
    private string _directory = null!;

    private string PathOf(string name) => Path.Combine(_directory, name);

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_directory = Path.Combine(Path.GetTempPath(), "workflows-file-tests-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_file_of_garbage_is_reported_corrupt_with_its_path()
    {
        var path = PathOf("garbage.db");
        File.WriteAllBytes(path, Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7919 % 251)).ToArray());

        var error = Assert.Throws<CheckpointStoreException>(() => LiteDbCheckpointStore.Open(path));
        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.Corrupt));
        Assert.That(error.Message, Does.Contain(path).And.Contain("backup"));
        Assert.That(File.ReadAllBytes(path), Has.Length.EqualTo(64 * 1024), "the file was not touched");
        Assert.That(File.Exists(DurableLiteDatabase.LogPath(path)), Is.False, "no log was left beside it");
    }

    [TestCase(8192, TestName = "random 8 KB")]
    [TestCase(64 * 1024, TestName = "random 64 KB")]
    public void A_file_of_random_bytes_or_text_is_not_a_LiteDB_file_and_gets_no_lock_file(int length)
    {
        var path = PathOf("notes.txt");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        bytes[0] = (byte)'N'; // not the marker of an encrypted file
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CheckpointStoreException>(() => LiteDbCheckpointStore.Open(path));

        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.Corrupt));
        Assert.That(error.Message, Does.Contain(path).And.Contain("not a LiteDB file"));
        Assert.That(error.Message, Does.Not.Contain("Ticks"));
        Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EqualTo(new[] { "notes.txt" }), "no lock file or log left beside it");
    }

    [TestCase(100)]
    [TestCase(8192 + 1000)]
    [TestCase(2 * 8192)]
    public async Task A_truncated_store_is_reported_corrupt_and_left_as_it_is(int keptBytes)
    {
        var path = PathOf("truncated.db");
        await using (var engine = WorkflowEngine.Open(path, o => o.Workflows.Add<int, int>("Echo", x => Task.FromResult(x))))
        {
            for (var i = 0; i < 50; i++) await engine.Client.RunAsync<int, int>("Echo", i).Within();
        }
        await using (var file = new FileStream(path, FileMode.Open)) file.SetLength(keptBytes);
        var before = await File.ReadAllBytesAsync(path);

        var error = Assert.Throws<CheckpointStoreException>(() => LiteDbCheckpointStore.Open(path));

        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.Corrupt));
        Assert.That(error.Message, Does.Contain(path));
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(before), "no silent reset, no overwrite");
    }

    [Test]
    public void A_LiteDB_file_of_another_application_is_not_taken_over()
    {
        var path = PathOf("other.db");
        using (var other = new LiteDatabase(path)) other.GetCollection("customers").Insert(new BsonDocument { ["name"] = "Ada" });

        var error = Assert.Throws<CheckpointStoreException>(() => LiteDbCheckpointStore.Open(path));
        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.Corrupt));
        Assert.That(error.Message, Does.Contain("not a Workflows checkpoint store").And.Contain("customers"));
    }

    [Test]
    public async Task A_file_from_a_newer_schema_is_refused()
    {
        var path = PathOf("newer.db");
        await LiteDbCheckpointStore.Open(path).DisposeAsync();
        using (var db = new LiteDatabase(path)) db.GetCollection("meta").Update(new BsonDocument { ["_id"] = "schema", ["version"] = 99 });

        var error = Assert.Throws<CheckpointStoreException>(() => LiteDbCheckpointStore.Open(path));
        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.NewerSchema));
        Assert.That(error.Message, Does.Contain("schema version 99").And.Contain($"up to {LiteDbCheckpointStore.SchemaVersion}"));
    }

    [Test]
    public async Task A_schema_1_file_reads_its_full_journal_entries_and_is_marked_schema_2()
    {
        var path = PathOf("schema1.db");
        using (var db = new LiteDatabase(path))
        {
            db.GetCollection("meta").Insert(new BsonDocument { ["_id"] = "schema", ["version"] = 1 });
            // Schema 1 wrote every field, defaults and nulls included.
            db.GetCollection("journal").Insert(new BsonDocument
            {
                ["_id"] = "old\u001f000001\u001f/Charge#1", ["id"] = "old", ["ex"] = 1, ["op"] = "/Charge#1", ["k"] = 0, ["n"] = "Charge",
                ["sc"] = "", ["sq"] = 1, ["st"] = 1, ["ci"] = 1L, ["r"] = "42", ["err"] = BsonValue.Null, ["at"] = 1, ["na"] = BsonValue.Null,
                ["ra"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).Ticks,
            });
        }

        await using (var store = LiteDbCheckpointStore.Open(path))
        {
            var entry = (await store.LoadJournalAsync("old", 1)).Single();
            Assert.That(entry, Is.EqualTo(new JournalEntry
            {
                InstanceId = "old", Execution = 1, OperationId = "/Charge#1", Kind = JournalEntryKind.Step, Name = "Charge", Scope = "",
                Sequence = 1, Status = JournalEntryStatus.Completed, CompletionIndex = 1, Result = "42", Attempts = 1,
                RecordedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            }));
        }
        using (var db = new LiteDatabase(path))
        {
            Assert.That(db.GetCollection("meta").FindById("schema")["version"].AsInt32, Is.EqualTo(2), "a version 1 library now refuses the file");
            Assert.That(db.Collation.SortOptions, Is.EqualTo(System.Globalization.CompareOptions.Ordinal), "rewritten with exact keys");
        }
        Assert.That(File.Exists(OrdinalKeyMigration.BackupPath(path)), "the file as it was is kept beside it");
    }

    [Test]
    public async Task A_file_that_compared_ids_ignoring_case_is_rewritten_and_then_tells_them_apart()
    {
        var path = PathOf("old.db");
        await using (var store = LiteDbCheckpointStore.Open(path))
            await store.CommitAsync([new CreateInstance(new InstanceRecord
            {
                InstanceId = "Order-1", WorkflowName = "Echo", Status = WorkflowStatus.Completed, Execution = 1, Output = "1",
                CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch,
            }, ReplaceTerminal: false)]);
        // Rebuilt with LiteDB's default collation (culture-aware, ignoring case), as files of earlier versions were.
        using (var db = new LiteDatabase(path)) db.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = Collation.Default });

        await using (var engine = WorkflowEngine.Open(path, o => o.Workflows.Add<int, int>("Echo", x => Task.FromResult(x))))
        {
            Assert.That(await engine.Client.RunAsync<int, int>("Echo", 2, new StartWorkflowOptions { InstanceId = "order-1" }).Within(), Is.EqualTo(2));
            Assert.That((await engine.Client.GetStatusAsync("Order-1")).OutputJson, Is.EqualTo("1"), "the old instance is intact");
            Assert.That((await engine.Client.GetStatusAsync("order-1")).OutputJson, Is.EqualTo("2"));
        }
        Assert.That(File.Exists(OrdinalKeyMigration.BackupPath(path)), "the file as it was is kept beside it");
    }

    [TestCase("truncated")]
    [TestCase("not binary")]
    public async Task A_damaged_journal_entry_is_reported_with_its_key_and_instance(string damage)
    {
        var path = PathOf("damaged.db");
        await LiteDbCheckpointStore.Open(path).DisposeAsync();
        BsonValue packed = damage == "truncated" ? new byte[] { 1, 0, 1 } : "not an entry";
        using (var db = new LiteDatabase(path))
            db.GetCollection("journal").Insert(new BsonDocument { ["_id"] = "order-7\u001f000001\u001f/Charge#1", ["e"] = packed });

        await using var store = LiteDbCheckpointStore.Open(path);
        var error = await Assert.ThrowsAsync<CheckpointStoreException>(() => store.LoadJournalAsync("order-7", 1));
        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.Corrupt));
        Assert.That(error.Message, Does.Contain("/Charge#1").And.Contain("order-7").And.Contain("backup"));
    }

    [Test]
    public async Task A_file_held_open_is_refused_until_it_is_released()
    {
        var path = PathOf("held.db");
        var first = LiteDbCheckpointStore.Open(path);

        var error = Assert.Throws<CheckpointStoreException>(() => LiteDbCheckpointStore.Open(path));
        Assert.That(error!.Error, Is.EqualTo(CheckpointStoreError.Locked));
        Assert.That(error.Message, Does.Contain("in use by another process"));

        await first.DisposeAsync();
        await LiteDbCheckpointStore.Open(path).DisposeAsync();
    }

    [Test]
    public async Task An_encrypted_file_needs_its_password()
    {
        var path = PathOf("secret.db");
        var options = new LiteDbStoreOptions { Password = "s3cret" };
        await using (var engine = WorkflowEngine.Open(path, o => o.UseLiteDb(path, options).Workflows.Add<string, string>("Echo", x => Task.FromResult(x))))
            Assert.That(await engine.Client.RunAsync<string, string>("Echo", "top-secret-payload").Within(), Is.EqualTo("top-secret-payload"));

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.That(bytes.AsSpan().IndexOf("top-secret-payload"u8), Is.EqualTo(-1), "the payload is not readable in the file");
        Assert.That(bytes.AsSpan().IndexOf("Echo"u8), Is.EqualTo(-1), "nor the workflow name");

        var missing = Assert.Throws<CheckpointStoreException>(() => LiteDbCheckpointStore.Open(path));
        Assert.That(missing!.Error, Is.EqualTo(CheckpointStoreError.WrongPassword));
        var wrong = Assert.Throws<CheckpointStoreException>(() => LiteDbCheckpointStore.Open(path, new LiteDbStoreOptions { Password = "guess" }));
        Assert.That(wrong!.Error, Is.EqualTo(CheckpointStoreError.WrongPassword));
        await LiteDbCheckpointStore.Open(path, options).DisposeAsync();
    }

    [Test]
    public async Task An_encrypted_store_writes_its_log_encrypted_and_recovers_from_it()
    {
        var path = PathOf("secret.db");
        var crashed = PathOf("crashed.db");
        var options = new LiteDbStoreOptions { Password = "s3cret" };
        await using (var engine = WorkflowEngine.Open(path, o => o.UseLiteDb(path, options).Workflows.Add<string, string>("Echo", x => Task.FromResult(x))))
        {
            await engine.Client.RunAsync<string, string>("Echo", "top-secret-payload", new StartWorkflowOptions { InstanceId = "secret" }).Within();
            // The files as a crash would leave them: the commits are in the log, not yet checkpointed into the data file.
            File.Copy(path, crashed);
            File.Copy(DurableLiteDatabase.LogPath(path), DurableLiteDatabase.LogPath(crashed));
        }

        var log = await File.ReadAllBytesAsync(DurableLiteDatabase.LogPath(crashed));
        Assert.That(log, Is.Not.Empty, "the commits were still in the log");
        Assert.That(log.AsSpan().IndexOf("top-secret-payload"u8), Is.EqualTo(-1), "the log is encrypted too");

        await using var store = LiteDbCheckpointStore.Open(crashed, options);
        Assert.That((await store.GetInstanceAsync("secret"))!.Output, Is.EqualTo("\"top-secret-payload\""));
    }
}
