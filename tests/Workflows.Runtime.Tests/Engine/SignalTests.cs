using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class SignalTests(StoreKind kind) : EngineTestBase(kind)
{
    private Counters _counters = new();

    [SetUp]
    public void ResetCounters() => _counters = new();

    private sealed class Approval
    {
        public List<string> Approvers { get; } = [];

        public bool Rejected { get; set; }
    }

    private void Register(WorkflowRegistry r) => r.Add(WorkflowDefinition.Create<Approval, int, string>("Approval", _ => new Approval(), async (state, needed) =>
        {
            var decided = await Workflow.WaitConditionAsync(() => state.Rejected || state.Approvers.Count >= needed, TimeSpan.FromSeconds(needed == 99 ? 1 : 300));
            if (!decided) return "timed out with " + state.Approvers.Count;
            var note = await Workflow.RunStepAsync("Notify", null, _ => { _counters.Hit("Notify"); return Task.FromResult("notified"); });
            return state.Rejected ? $"rejected after {string.Join(",", state.Approvers)}" : $"{string.Join(",", state.Approvers)} {note}";
        },
        queries: [WorkflowQuery.Create<Approval, int>("Count", (state, _) => state.Approvers.Count)],
        signals:
        [
            WorkflowSignal.Create<Approval>("Approve", (state, args) => state.Approvers.Add((string)args[0]!), typeof(string)),
            WorkflowSignal.Create<Approval>("Reject", (state, _) => state.Rejected = true),
            WorkflowSignal.Create<Approval>("Explode", (_, _) => throw new InvalidOperationException("boom")),
        ]));

    [Test]
    public async Task Signals_run_their_handlers_in_arrival_order_and_a_condition_wait_resumes_when_they_satisfy_it()
    {
        var engine = Harness.Open(Register);
        var handle = await engine.Client.StartAsync<int, string>("Approval", 3, new() { InstanceId = "s-1" });

        await engine.Client.SignalAsync("s-1", "Approve", ["ann"]);
        await engine.Client.SignalAsync("s-1", "Approve", ["bob"]);
        await Eventually.TrueAsync(async () => await engine.Client.QueryAsync<int>("s-1", "Count") == 2);
        Assert.That(handle.GetResultAsync().IsCompleted, Is.False, "two of three: the condition does not hold yet");
        await engine.Client.SignalAsync("s-1", "Approve", ["cy"]);

        Assert.That(await handle.GetResultAsync().Within(), Is.EqualTo("ann,bob,cy notified"));
        var journal = await Harness.JournalAsync("s-1");
        Assert.That(journal.Count(e => e.Kind == JournalEntryKind.Signal), Is.EqualTo(3));
        Assert.That(journal.Single(e => e.Kind == JournalEntryKind.Timer).Status, Is.EqualTo(JournalEntryStatus.Failed), "the timeout's timer was retired and journaled");
        Assert.That(await Harness.Store.LoadInboxAsync("s-1"), Is.Empty);
    }

    [Test]
    public async Task Signals_replay_at_the_same_point_after_a_restart_and_signals_sent_while_down_arrive_after_it()
    {
        var engine = Harness.Open(Register);
        await engine.Client.StartAsync<int, string>("Approval", 3, new() { InstanceId = "s-2" });
        await engine.Client.SignalAsync("s-2", "Approve", ["ann"]);
        await Eventually.TrueAsync(async () => await engine.Client.QueryAsync<int>("s-2", "Count") == 1);
        await engine.DisposeAsync();

        // Stored while no engine runs the instance; taken, in order, after the restart replays the first.
        var without = Harness.Open(_ => { });
        await without.Ready;
        await using (var client = new SignalSender(Harness.Store))
            await client.SendAsync("s-2", "Approve", "[\"bob\"]");
        await without.DisposeAsync();
        engine = Harness.Open(Register);
        await engine.Client.SignalAsync("s-2", "Reject");

        Assert.That(await engine.Client.GetResultAsync<string>("s-2").Within(), Is.EqualTo("rejected after ann,bob"));
        Assert.That(_counters["Notify"], Is.EqualTo(1));
    }

    [Test]
    public async Task A_condition_wait_times_out_durably()
    {
        var engine = Harness.Open(Register);
        var result = await engine.Client.RunAsync<int, string>("Approval", 99, new() { InstanceId = "s-3" }).Within();

        Assert.That(result, Is.EqualTo("timed out with 0"));
    }

    [Test]
    public async Task Bad_signals_fail_with_what_is_wrong_and_a_throwing_handler_halts_the_instance_as_it_is()
    {
        var engine = Harness.Open(Register);
        await engine.Client.StartAsync<int, string>("Approval", 1, new() { InstanceId = "s-4" });

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => engine.Client.SignalAsync("s-4", "Approved", ["x"]));
        Assert.That(unknown!.Message, Does.Contain("no signal named 'Approved'").And.Contain("Approve, Explode, Reject"));
        var badArgument = await Assert.ThrowsAsync<ArgumentException>(() => engine.Client.SignalAsync("s-4", "Approve", [42]));
        Assert.That(badArgument!.Message, Does.Contain("Argument 0 of signal 'Approve'").And.Contain("System.String"));
        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => engine.Client.SignalAsync("s-none", "Reject"));

        await engine.Client.SignalAsync("s-4", "Explode");
        var halted = await Assert.ThrowsAsync<WorkflowException>(() => engine.Client.GetResultAsync<string>("s-4").Within());
        Assert.That(halted!.Message, Does.Contain("handler of signal 'Explode' of workflow instance 's-4' failed: boom"));
        Assert.That((await engine.Client.GetStatusAsync("s-4")).Status, Is.EqualTo(WorkflowStatus.Running), "left as it is, to resume once the handler is fixed");
    }

    /// <summary>Writes a signal message the way a client of another process would, with no engine running the instance.</summary>
    private sealed class SignalSender(ICheckpointStore store) : IAsyncDisposable
    {
        public Task SendAsync(string instanceId, string name, string argsJson) => store.CommitAsync([new PutInboxMessage(new InboxMessage
        {
            MessageId = Guid.NewGuid().ToString("N"),
            InstanceId = instanceId,
            Kind = InboxMessageKind.Signal,
            EventName = name,
            Payload = argsJson,
            ReceivedAt = DateTime.UtcNow,
        })]);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
