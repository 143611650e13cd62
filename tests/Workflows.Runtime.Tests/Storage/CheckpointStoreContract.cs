using Workflows.Storage;

namespace Workflows.Runtime.Tests.Storage;

/// <summary>
/// The behaviour every checkpoint store must have: each store's fixture derives from this and runs the same tests.
/// The file is also compiled into the test projects of stores in other packages.
/// </summary>
public abstract class CheckpointStoreContract
{
    private ICheckpointStore? _opened;

    private ICheckpointStore Store => _opened!;

    /// <summary>Opens an empty store for one test.</summary>
    protected abstract Task<ICheckpointStore> OpenEmptyStoreAsync();

    /// <summary>Removes what <see cref="OpenEmptyStoreAsync"/> created, after the store was disposed.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    [SetUp]
    public async Task OpenStore() => _opened = await OpenEmptyStoreAsync();

    [TearDown]
    public async Task CloseStore()
    {
        if (_opened is null) return; // skipped before a store was opened
        await _opened.DisposeAsync();
        _opened = null;
        await CleanUpAsync();
    }

    private static InstanceRecord Instance(string id, WorkflowStatus status = WorkflowStatus.Running) => new()
    {
        InstanceId = id,
        WorkflowName = "W",
        Status = status,
        Input = "1",
        CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(id.Length),
        UpdatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
    };

    private static JournalEntry Entry(string instanceId, string operationId, long completion = 1, int execution = 1) => new()
    {
        InstanceId = instanceId,
        Execution = execution,
        OperationId = operationId,
        Kind = JournalEntryKind.Step,
        Name = "S",
        Sequence = 1,
        Status = JournalEntryStatus.Completed,
        CompletionIndex = completion,
        Result = "\"r\"",
        Error = new WorkflowError("E", "m", "at x"),
        Attempts = 2,
        NextAttemptAt = new DateTime(2026, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc).AddTicks(4567),
        RecordedAt = new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc),
    };

    [Test]
    public async Task Ids_with_pattern_characters_never_reach_other_instances()
    {
        // '_' and '%' are wildcards in LIKE patterns; a prefix scan must take them literally.
        foreach (var id in new[] { "a_b", "axb", "a%", "a%z" })
        {
            var message = new InboxMessage { MessageId = "m", InstanceId = id, Kind = InboxMessageKind.Cancel, ReceivedAt = DateTime.UnixEpoch };
            await Store.CommitAsync([new CreateInstance(Instance(id, WorkflowStatus.Completed), false), new PutJournalEntry(Entry(id, $"/{id}#1")), new PutInboxMessage(message)]);
        }

        Assert.That((await Store.LoadJournalAsync("a_b", 1)).Select(e => e.InstanceId), Is.EqualTo(new[] { "a_b" }));
        Assert.That((await Store.LoadJournalAsync("a%", 1)).Select(e => e.InstanceId), Is.EqualTo(new[] { "a%" }));
        Assert.That((await Store.LoadInboxAsync("a_b")).Select(m => m.InstanceId), Is.EqualTo(new[] { "a_b" }));

        await Store.CommitAsync([new PurgeInstance("a_b"), new PurgeInstance("a%")]);
        Assert.That(await Store.LoadJournalAsync("axb", 1), Has.Count.EqualTo(1), "another instance's journal survives the purge");
        Assert.That(await Store.LoadJournalAsync("a%z", 1), Has.Count.EqualTo(1));
        Assert.That(await Store.LoadInboxAsync("axb"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_wrong_first_write_hint_never_applies_half_a_commit()
    {
        await Store.CommitAsync([new CreateInstance(Instance("a"), false), new PutJournalEntry(Entry("a", "/S#1", completion: 1), IsFirstWrite: true)]);
        var second = Entry("a", "/S#1", completion: 2);
        var other = Entry("a", "/T#1", completion: 3);

        try
        {
            await Store.CommitAsync([new PutJournalEntry(other), new PutJournalEntry(second, IsFirstWrite: true)]);
            Assert.That((await Store.LoadJournalAsync("a", 1)).Select(e => e.CompletionIndex).Order(), Is.EqualTo(new long[] { 2, 3 }), "replaced");
        }
        catch (CheckpointStoreException)
        {
            Assert.That((await Store.LoadJournalAsync("a", 1)).Select(e => e.CompletionIndex), Is.EqualTo(new long[] { 1 }), "refused whole");
        }
        await Store.CommitAsync([new PutJournalEntry(Entry("a", "/U#1", completion: 4), IsFirstWrite: true)]);
        Assert.That(await Store.LoadJournalAsync("a", 1), Has.Count.AnyOf(2, 3), "the store still writes afterwards");
    }

    [Test]
    public async Task Records_round_trip_exactly()
    {
        var instance = Instance("a") with { Output = "{\"x\":1}", Error = new WorkflowError("T", "M", null), StatusReason = "why", CompletedAt = DateTime.UnixEpoch };
        var entry = Entry("a", "/S#1");
        var message = new InboxMessage { MessageId = "m1", InstanceId = "a", Kind = InboxMessageKind.Cancel, Payload = "p", ReceivedAt = DateTime.UnixEpoch };
        await Store.CommitAsync([new CreateInstance(instance, false), new PutJournalEntry(entry), new PutInboxMessage(message)]);

        Assert.That(await Store.GetInstanceAsync("a"), Is.EqualTo(instance));
        Assert.That((await Store.LoadJournalAsync("a", 1)).Single(), Is.EqualTo(entry));
        Assert.That((await Store.LoadInboxAsync("a")).Single(), Is.EqualTo(message));
    }

    [Test]
    public async Task Journal_entries_upsert_by_operation_and_are_separated_by_instance_and_execution()
    {
        await Store.CommitAsync([new PutJournalEntry(Entry("a", "/S#1", completion: 0) with { Status = JournalEntryStatus.Retrying })]);
        await Store.CommitAsync([new PutJournalEntry(Entry("a", "/S#1", completion: 3))]);
        await Store.CommitAsync([new PutJournalEntry(Entry("a", "/S#1", execution: 2)), new PutJournalEntry(Entry("ab", "/S#1"))]);

        var journal = await Store.LoadJournalAsync("a", 1);
        Assert.That(journal.Single().CompletionIndex, Is.EqualTo(3));
        Assert.That(journal.Single().Status, Is.EqualTo(JournalEntryStatus.Completed));
        Assert.That(await Store.LoadJournalAsync("a", 2), Has.Count.EqualTo(1));
        Assert.That(await Store.LoadJournalAsync("ab", 1), Has.Count.EqualTo(1), "an ID that extends another is a different instance");
        Assert.That(await Store.LoadJournalAsync("b", 1), Is.Empty);
    }

    [Test]
    public async Task Ids_that_differ_only_in_case_or_spelling_variants_are_different_instances()
    {
        string[] ids = ["Order-1", "order-1", "ORDER-1", "Straße-1", "Strasse-1", "e\u0301-1", "\u00e9-1"];
        foreach (var id in ids)
            await Store.CommitAsync([new CreateInstance(Instance(id), false), new PutJournalEntry(Entry(id, "/S#1") with { Result = $"\"{id}\"" }),
                new PutJournalEntry(Entry(id, "/s#1", completion: 2))]);

        foreach (var id in ids)
        {
            Assert.That((await Store.GetInstanceAsync(id))!.InstanceId, Is.EqualTo(id));
            var journal = await Store.LoadJournalAsync(id, 1);
            Assert.That(journal.Select(e => e.OperationId), Is.EquivalentTo(new[] { "/S#1", "/s#1" }), id);
            Assert.That(journal.Single(e => e.OperationId == "/S#1").Result, Is.EqualTo($"\"{id}\""));
        }
    }

    [Test]
    public async Task Very_long_ids_are_stored_and_found()
    {
        var id = new string('é', 256);
        var operation = "/" + string.Concat(Enumerable.Repeat("Item[12]/Step#3", 60));
        await Store.CommitAsync([new CreateInstance(Instance(id), false), new PutJournalEntry(Entry(id, operation))]);

        Assert.That((await Store.GetInstanceAsync(id))!.InstanceId, Is.EqualTo(id));
        Assert.That((await Store.LoadJournalAsync(id, 1)).Single().OperationId, Is.EqualTo(operation));
    }

    [Test]
    public async Task A_failed_precondition_rejects_the_whole_commit()
    {
        await Store.CommitAsync([new CreateInstance(Instance("taken"), false)]);

        await Assert.ThrowsAsync<WorkflowInstanceExistsException>(() =>
            Store.CommitAsync([new PutJournalEntry(Entry("other", "/S#1")), new CreateInstance(Instance("taken"), false)]));
        Assert.That(await Store.LoadJournalAsync("other", 1), Is.Empty);
    }

    [Test]
    public async Task A_message_expecting_a_running_instance_is_never_stored_for_a_finished_or_missing_one()
    {
        InboxMessage Event(string instanceId) => new() { MessageId = "m-" + instanceId, InstanceId = instanceId, Kind = InboxMessageKind.Event, EventName = "e", ReceivedAt = DateTime.UnixEpoch };
        await Store.CommitAsync([new CreateInstance(Instance("live"), false), new CreateInstance(Instance("done"), false)]);
        await Store.CommitAsync([new UpdateInstance(Instance("done", WorkflowStatus.Completed), WorkflowStatus.Running)]);

        await Store.CommitAsync([new ExpectRunning("live"), new PutInboxMessage(Event("live"))]);
        var ended = await Assert.ThrowsAsync<WorkflowException>(() => Store.CommitAsync([new ExpectRunning("done"), new PutInboxMessage(Event("done"))]));
        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => Store.CommitAsync([new ExpectRunning("none"), new PutInboxMessage(Event("none"))]));

        Assert.That(ended!.Message, Does.Contain("'done' already ended Completed"));
        Assert.That(await Store.LoadInboxAsync("live"), Has.Count.EqualTo(1));
        Assert.That(await Store.LoadInboxAsync("done"), Is.Empty);
        Assert.That(await Store.LoadInboxAsync("none"), Is.Empty);
    }

    [Test]
    public async Task Updates_require_the_expected_status()
    {
        await Store.CommitAsync([new CreateInstance(Instance("u"), false)]);
        await Store.CommitAsync([new UpdateInstance(Instance("u", WorkflowStatus.Terminated), WorkflowStatus.Running)]);

        var error = await Assert.ThrowsAsync<WorkflowException>(() =>
            Store.CommitAsync([new UpdateInstance(Instance("u", WorkflowStatus.Completed), WorkflowStatus.Running)]));
        Assert.That(error!.Message, Does.Contain("'u' is Terminated"));
        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() =>
            Store.CommitAsync([new UpdateInstance(Instance("missing"), WorkflowStatus.Running)]));
        Assert.That((await Store.GetInstanceAsync("u"))!.Status, Is.EqualTo(WorkflowStatus.Terminated));
    }

    [Test]
    public async Task Replacing_a_terminal_instance_purges_its_journal_and_inbox_atomically()
    {
        var message = new InboxMessage { MessageId = "m", InstanceId = "r", Kind = InboxMessageKind.Cancel, ReceivedAt = DateTime.UnixEpoch };
        await Store.CommitAsync([new CreateInstance(Instance("r", WorkflowStatus.Completed), false), new PutJournalEntry(Entry("r", "/S#1")), new PutInboxMessage(message)]);
        await Store.CommitAsync([new PutJournalEntry(Entry("rx", "/S#1"))]);

        await Store.CommitAsync([new CreateInstance(Instance("r"), ReplaceTerminal: true)]);

        Assert.That((await Store.GetInstanceAsync("r"))!.Status, Is.EqualTo(WorkflowStatus.Running));
        Assert.That(await Store.LoadJournalAsync("r", 1), Is.Empty);
        Assert.That(await Store.LoadInboxAsync("r"), Is.Empty);
        Assert.That(await Store.LoadJournalAsync("rx", 1), Has.Count.EqualTo(1), "a neighbour sharing the prefix is untouched");
    }

    [Test]
    public async Task Inbox_messages_are_listed_oldest_first_and_deleted_by_id()
    {
        InboxMessage Message(string id, int second) => new() { MessageId = id, InstanceId = "i", Kind = InboxMessageKind.Cancel, ReceivedAt = DateTime.UnixEpoch.AddSeconds(second) };
        await Store.CommitAsync([new PutInboxMessage(Message("late", 2)), new PutInboxMessage(Message("early", 1))]);
        Assert.That((await Store.LoadInboxAsync("i")).Select(m => m.MessageId), Is.EqualTo(new[] { "early", "late" }));

        await Store.CommitAsync([new DeleteInboxMessage("i", "early")]);
        Assert.That((await Store.LoadInboxAsync("i")).Select(m => m.MessageId), Is.EqualTo(new[] { "late" }));
    }

    [Test]
    public async Task Instances_are_listed_by_status()
    {
        await Store.CommitAsync([new CreateInstance(Instance("r1"), false), new CreateInstance(Instance("c22", WorkflowStatus.Completed), false), new CreateInstance(Instance("r333"), false)]);

        Assert.That((await Store.ListInstancesAsync()).Select(i => i.InstanceId), Is.EqualTo(new[] { "r1", "c22", "r333" }));
        Assert.That((await Store.ListInstancesAsync(WorkflowStatus.Running)).Select(i => i.InstanceId), Is.EqualTo(new[] { "r1", "r333" }));
    }

    [Test]
    public async Task Concurrent_commits_all_land_exactly_once()
    {
        var commits = Enumerable.Range(0, 64).SelectMany(i => Enumerable.Range(1, 20).Select(n =>
            Task.Run(() => Store.CommitAsync([new PutJournalEntry(Entry($"i{i}", $"/S#{n}", completion: n))])))).ToList();
        await Task.WhenAll(commits);

        for (var i = 0; i < 64; i++)
        {
            var journal = await Store.LoadJournalAsync($"i{i}", 1);
            Assert.That(journal.Select(e => e.CompletionIndex).Order(), Is.EqualTo(Enumerable.Range(1, 20).Select(n => (long)n)));
        }
    }
}
