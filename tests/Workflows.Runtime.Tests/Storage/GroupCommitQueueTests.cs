using System.Collections.Concurrent;
using Workflows.Runtime.Tests.Support;
using Workflows.Storage;
using Workflows.Storage.LiteDb;

namespace Workflows.Runtime.Tests.Storage;

public sealed class GroupCommitQueueTests
{
    private static IReadOnlyList<StoreMutation> Numbered(string instanceId, int n) =>
        [new PutJournalEntry(new JournalEntry { InstanceId = instanceId, Execution = 1, OperationId = $"/Step#{n}", Kind = JournalEntryKind.Step, Name = "Step", Sequence = n })];

    private sealed class Recorder
    {
        public ConcurrentQueue<(int Thread, string Instance, int Sequence)> Written { get; } = new();

        public void Commit(List<PendingCommit> batch)
        {
            foreach (var pending in batch)
            {
                var entry = ((PutJournalEntry)pending.Mutations[0]).Entry;
                Written.Enqueue((Environment.CurrentManagedThreadId, entry.InstanceId, entry.Sequence));
                pending.Succeed();
            }
        }
    }

    private Recorder _recorder = null!;
    private GroupCommitQueue? _queue;

    [SetUp]
    public void CreateRecorder() => _recorder = new Recorder();

    [TearDown]
    public void CloseQueue()
    {
        _queue?.Close(); // closing twice is harmless: a test may close it itself
        _queue = null;
    }

    private GroupCommitQueue Open(int maxBatchSize = 100) => _queue = new GroupCommitQueue("test writer", maxBatchSize, _recorder.Commit);

    [Test]
    public async Task An_idle_queue_is_written_on_the_callers_thread()
    {
        var queue = Open();
        var thread = 0;
        Task? written = null;
        await Task.Run(() =>
        {
            thread = Environment.CurrentManagedThreadId;
            written = queue.Enqueue(Numbered("a", 1), wakeWriter: false);
            queue.CommitInlineOrWakeWriter();
        });

        Assert.That(written!.IsCompletedSuccessfully, "acknowledged when the call returned");
        Assert.That(_recorder.Written.Single().Thread, Is.EqualTo(thread));
    }

    [Test]
    public async Task A_caller_under_its_own_task_scheduler_leaves_the_write_to_the_writer_thread()
    {
        var queue = Open();
        var scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var thread = 0;
        var written = await Task.Factory.StartNew(() =>
        {
            thread = Environment.CurrentManagedThreadId;
            var task = queue.Enqueue(Numbered("a", 1), wakeWriter: false);
            queue.CommitInlineOrWakeWriter();
            return task;
        }, CancellationToken.None, TaskCreationOptions.None, scheduler);

        await written.Within();
        Assert.That(_recorder.Written.Single().Thread, Is.Not.EqualTo(thread));
    }

    [Test]
    public async Task After_a_batch_of_several_commits_the_writer_thread_writes_until_batches_are_single_again()
    {
        var queue = Open();
        await Task.Run(async () =>
        {
            var caller = Environment.CurrentManagedThreadId;
            for (var n = 1; n <= 5; n++) _ = queue.Enqueue(Numbered("a", n), wakeWriter: false);
            queue.CommitInlineOrWakeWriter(); // one batch of five, on this thread

            var sixth = queue.Enqueue(Numbered("a", 6), wakeWriter: false);
            queue.CommitInlineOrWakeWriter(); // concurrent load: left to the writer, which writes it alone
            await sixth.Within();

            var callerNow = Environment.CurrentManagedThreadId;
            var seventh = queue.Enqueue(Numbered("a", 7), wakeWriter: false);
            queue.CommitInlineOrWakeWriter(); // a single commit last: on this thread again

            var threads = _recorder.Written.ToDictionary(w => w.Sequence, w => w.Thread);
            Assert.That(Enumerable.Range(1, 5).Select(n => threads[n]), Is.All.EqualTo(caller));
            Assert.That(threads[6], Is.Not.EqualTo(caller).And.Not.EqualTo(callerNow));
            Assert.That(seventh.IsCompletedSuccessfully && threads[7] == callerNow);
        });
    }

    [Test]
    public async Task Commits_from_many_threads_are_all_written_each_callers_in_the_order_queued()
    {
        var queue = Open(7);
        const int Callers = 8;
        const int PerCaller = 300;
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var n = 1; n <= PerCaller; n++)
            {
                // A mix of the two entry points, awaited one by one as an instance awaits its steps.
                var inline = n % 3 != 0;
                var written = queue.Enqueue(Numbered($"caller-{caller}", n), wakeWriter: !inline);
                if (inline) queue.CommitInlineOrWakeWriter();
                if (n % 10 == 0) await written.Within();
            }
        })).ToList();
        await Task.WhenAll(callers).Within();
        queue.Close();

        var written = _recorder.Written.ToList();
        Assert.That(written, Has.Count.EqualTo(Callers * PerCaller));
        foreach (var caller in written.GroupBy(w => w.Instance))
            Assert.That(caller.Select(w => w.Sequence), Is.EqualTo(Enumerable.Range(1, PerCaller)), $"{caller.Key} in order");
    }

    [Test]
    public void A_closed_queue_refuses_commits_and_close_writes_what_was_queued()
    {
        var queue = Open();
        var queued = Enumerable.Range(1, 50).Select(n => queue.Enqueue(Numbered("a", n), wakeWriter: true)).ToList();

        queue.Close();

        Assert.That(queued.All(t => t.IsCompletedSuccessfully), "everything queued before the close was written");
        Assert.Throws<ObjectDisposedException>(() => queue.Enqueue(Numbered("a", 51), wakeWriter: true));
    }
}
