using Workflows.Storage;

namespace Workflows.PostgreSql.Tests;

/// <summary>Leases between two workers on one schema: exclusive claims, renewal, expiry, take-over, fencing, release.</summary>
public sealed class LeaseTests
{
    private static readonly string[] Names = ["W"];
    private string _schema = null!;
    private readonly List<PostgreSqlCheckpointStore> _stores = [];

    [SetUp]
    public void SetUp() => _schema = PostgresServer.NewSchema();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        _stores.Clear();
        await PostgresServer.DropSchemaAsync(_schema);
    }

    private async Task<PostgreSqlCheckpointStore> WorkerAsync(string name, TimeSpan? lease = null)
    {
        var store = await PostgreSqlCheckpointStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = PostgresServer.ConnectionString,
            Schema = _schema,
            WorkerId = name,
            LeaseDuration = lease ?? TimeSpan.FromSeconds(30),
        });
        _stores.Add(store);
        return store;
    }

    private static InstanceRecord Instance(string id) => new()
    {
        InstanceId = id,
        WorkflowName = "W",
        Status = WorkflowStatus.Running,
        CreatedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
    };

    private static JournalEntry Entry(string instanceId, string result) => new()
    {
        InstanceId = instanceId,
        Execution = 1,
        OperationId = "/S#1",
        Kind = JournalEntryKind.Step,
        Name = "S",
        Status = JournalEntryStatus.Completed,
        CompletionIndex = 1,
        Result = result,
        RecordedAt = DateTime.UtcNow,
    };

    private static InboxMessage Message(string instanceId) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        InstanceId = instanceId,
        Kind = InboxMessageKind.Event,
        EventName = "go",
        Payload = "1",
        ReceivedAt = DateTime.UtcNow,
    };

    private async Task ExpireLeaseAsync(string instanceId) =>
        await PostgresServer.ScalarAsync($"UPDATE \"{_schema}\".instances SET lease_until = now() - interval '1 second' WHERE instance_id = '{instanceId}'");

    [Test]
    public async Task Two_workers_claiming_at_once_never_get_the_same_instance()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([.. Enumerable.Range(0, 300).Select(i => new CreateInstance(Instance($"i{i}"), false))]);

        async Task<List<string>> DrainAsync(ISharedCheckpointStore store)
        {
            var mine = new List<string>();
            while (true)
            {
                var claim = await store.ClaimAsync(Names, 7);
                if (claim.Instances.Count == 0) return mine;
                mine.AddRange(claim.Instances.Select(i => i.InstanceId));
            }
        }
        var results = await Task.WhenAll(DrainAsync(a), DrainAsync(b));

        Assert.That(results[0].Intersect(results[1]), Is.Empty, "no instance was leased twice");
        Assert.That(results[0].Concat(results[1]).ToList(), Has.Count.EqualTo(300));
        Assert.That(results[0].All(a.HoldsLease) && results[1].All(b.HoldsLease), Is.True);
    }

    [Test]
    public async Task Only_instances_of_the_workers_workflows_are_claimed()
    {
        var a = await WorkerAsync("a");
        await a.CommitAsync([new CreateInstance(Instance("mine"), false), new CreateInstance(Instance("theirs") with { WorkflowName = "Other" }, false)]);

        var claim = await a.ClaimAsync(Names, 10);

        Assert.That(claim.Instances.Select(i => i.InstanceId), Is.EqualTo(new[] { "mine" }));
    }

    [Test]
    public async Task A_renewed_lease_outlives_its_duration_and_is_not_claimed_by_another_worker()
    {
        var a = await WorkerAsync("a", TimeSpan.FromSeconds(2));
        var b = await WorkerAsync("b", TimeSpan.FromSeconds(2));
        await a.CommitAsync([new CreateInstance(Instance("x"), false)]);
        Assert.That((await a.ClaimAsync(Names, 1)).Instances, Has.Count.EqualTo(1));

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.That((await b.ClaimAsync(Names, 1)).Instances, Is.Empty);
        Assert.That(a.HoldsLease("x"), Is.True);
        await a.CommitAsync([new PutJournalEntry(Entry("x", "1"))]);
    }

    [Test]
    public async Task After_a_take_over_the_old_owner_is_fenced_off_and_told_it_lost_the_lease()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("x"), false)]);
        await a.ClaimAsync(Names, 1);
        await a.CommitAsync([new PutJournalEntry(Entry("x", "\"from a\""))]);

        await ExpireLeaseAsync("x");
        Assert.That((await b.ClaimAsync(Names, 1)).Instances.Single().InstanceId, Is.EqualTo("x"));
        await b.CommitAsync([new PutJournalEntry(Entry("x", "\"from b\""))]);

        var refused = await Assert.ThrowsAsync<CheckpointStoreException>(() => a.CommitAsync([new PutJournalEntry(Entry("x", "\"late a\""))]));
        Assert.That(refused!.Error, Is.EqualTo(CheckpointStoreError.LeaseLost));
        Assert.That(refused.Message, Does.Contain("'a'").And.Contain("'x'"));
        Assert.That((await b.LoadJournalAsync("x", 1)).Single().Result, Is.EqualTo("\"from b\""), "the late write changed nothing");
        Assert.That(a.HoldsLease("x"), Is.False);
        Assert.That((await NextAsync(a, StoreSignalKind.LeaseLost)).InstanceId, Is.EqualTo("x"));
    }

    [Test]
    public async Task A_worker_that_never_leased_an_instance_another_holds_cannot_write_its_run()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("x"), false), new CreateInstance(Instance("free"), false)]);
        await a.ClaimAsync(Names, 1);
        var leased = (await a.ListInstancesAsync()).Single(i => a.HoldsLease(i.InstanceId)).InstanceId;
        var unleased = leased == "x" ? "free" : "x";

        var refused = await Assert.ThrowsAsync<CheckpointStoreException>(() => b.CommitAsync([new PutJournalEntry(Entry(leased, "1"))]));
        Assert.That(refused!.Error, Is.EqualTo(CheckpointStoreError.LeaseLost));
        Assert.That(refused.Message, Does.Contain("worker 'a' does"));
        await b.CommitAsync([new PutJournalEntry(Entry(unleased, "1"))]); // nobody leases it: a single engine may write
        Assert.That(await a.LoadJournalAsync(leased, 1), Is.Empty);
    }

    [Test]
    public async Task A_fenced_commit_fails_alone_and_the_commits_grouped_with_it_land()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("lost"), false), new CreateInstance(Instance("kept"), false)]);
        await a.ClaimAsync(Names, 2);
        await ExpireLeaseAsync("lost");
        await b.ClaimAsync(Names, 2);

        var commits = Enumerable.Range(0, 20).Select(i => a.CommitAsync([new PutJournalEntry(Entry(i % 2 == 0 ? "lost" : "kept", $"{i}") with { OperationId = $"/S#{i}" })])).ToList();
        var outcomes = await Task.WhenAll(commits.Select(async c => { try { await c; return true; } catch (CheckpointStoreException) { return false; } }));

        Assert.That(outcomes.Where((ok, i) => i % 2 == 1), Is.All.True);
        Assert.That(outcomes.Where((ok, i) => i % 2 == 0), Is.All.False);
        Assert.That(await a.LoadJournalAsync("kept", 1), Has.Count.EqualTo(10));
        Assert.That(await a.LoadJournalAsync("lost", 1), Is.Empty);
    }

    [Test]
    public async Task A_worker_whose_lease_was_taken_over_learns_it_at_its_next_renewal_without_writing()
    {
        var a = await WorkerAsync("a", TimeSpan.FromSeconds(2));
        var b = await WorkerAsync("b", TimeSpan.FromSeconds(2));
        await a.CommitAsync([new CreateInstance(Instance("x"), false)]);
        await a.ClaimAsync(Names, 1);

        await ExpireLeaseAsync("x");
        await b.ClaimAsync(Names, 1);

        var signal = await NextAsync(a, StoreSignalKind.LeaseLost);
        Assert.That(signal.InstanceId, Is.EqualTo("x"));
        Assert.That(a.HoldsLease("x"), Is.False);
    }

    [Test]
    public async Task A_released_instance_waits_for_its_timer_and_then_any_worker_claims_it()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("t"), false)]);
        await a.ClaimAsync(Names, 1);

        await a.ReleaseAsync("t", DateTime.UtcNow.AddSeconds(1.5));
        var early = await b.ClaimAsync(Names, 1);
        Assert.That(early.Instances, Is.Empty);
        Assert.That(early.NextWakeIn, Is.Not.Null.And.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(1.5)));

        await Task.Delay(early.NextWakeIn!.Value + TimeSpan.FromMilliseconds(100));
        Assert.That((await b.ClaimAsync(Names, 1)).Instances.Single().InstanceId, Is.EqualTo("t"));
        Assert.That(a.HoldsLease("t"), Is.False);
    }

    [Test]
    public async Task An_instance_released_to_wait_for_a_message_is_claimed_once_one_arrives()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("e"), false)]);
        await a.ClaimAsync(Names, 1);
        await a.ReleaseAsync("e", wakeAt: null);
        Assert.That((await b.ClaimAsync(Names, 1)).Instances, Is.Empty, "it waits for a message only");

        await b.CommitAsync([new PutInboxMessage(Message("e"))]);

        Assert.That((await b.ClaimAsync(Names, 1)).Instances.Single().InstanceId, Is.EqualTo("e"));
    }

    [Test]
    public async Task A_message_stored_before_the_release_wakes_the_instance_at_once()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("e"), false)]);
        await a.ClaimAsync(Names, 1);
        await b.CommitAsync([new PutInboxMessage(Message("e"))]); // while a still held it

        await a.ReleaseAsync("e", wakeAt: DateTime.UtcNow.AddHours(1));

        Assert.That((await b.ClaimAsync(Names, 1)).Instances.Single().InstanceId, Is.EqualTo("e"));
    }

    [Test]
    public async Task A_message_for_a_leased_instance_is_announced_to_every_worker()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("n"), false)]);
        await a.ClaimAsync(Names, 1);
        while (a.Signals.TryRead(out _)) { }

        await b.CommitAsync([new PutInboxMessage(Message("n"))]);

        Assert.That((await NextAsync(a, StoreSignalKind.Changed, "n")).InstanceId, Is.EqualTo("n"));
    }

    [Test]
    public async Task A_worker_that_stops_gives_its_leases_up_at_once()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("s1"), false), new CreateInstance(Instance("s2"), false)]);
        await a.ClaimAsync(Names, 2);

        await a.DisposeAsync();

        Assert.That((await b.ClaimAsync(Names, 5)).Instances.Select(i => i.InstanceId), Is.EquivalentTo(new[] { "s1", "s2" }));
    }

    [Test]
    public async Task Terminating_an_instance_another_worker_leases_needs_no_lease_and_ends_the_lease()
    {
        var a = await WorkerAsync("a");
        var b = await WorkerAsync("b");
        await a.CommitAsync([new CreateInstance(Instance("k"), false)]);
        await a.ClaimAsync(Names, 1);

        await b.CommitAsync([new UpdateInstance(Instance("k") with { Status = WorkflowStatus.Terminated }, WorkflowStatus.Running)]);

        var owner = await PostgresServer.ScalarAsync($"SELECT owner FROM \"{_schema}\".instances WHERE instance_id = 'k'");
        Assert.That(owner, Is.EqualTo(DBNull.Value));
        var late = await Assert.ThrowsAsync<CheckpointStoreException>(() => a.CommitAsync([new PutJournalEntry(Entry("k", "1"))]));
        Assert.That(late!.Error, Is.EqualTo(CheckpointStoreError.LeaseLost));
    }

    private static async Task<StoreSignal> NextAsync(ISharedCheckpointStore store, StoreSignalKind kind, string? instanceId = null)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var signal = await store.Signals.ReadAsync(patience.Token);
            if (signal.Kind == kind && (instanceId is null || signal.InstanceId == instanceId)) return signal;
        }
    }
}
