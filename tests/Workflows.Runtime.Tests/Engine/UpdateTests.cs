using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class UpdateTests(StoreKind kind) : EngineTestBase(kind)
{
    private Counters _counters = new();
    private Gate _gate = new();

    [SetUp]
    public void Reset()
    {
        _counters = new Counters();
        _gate = new Gate();
        _gate.Open();
    }

    private sealed class Cart
    {
        public List<string> Items { get; } = [];

        public bool Closed { get; set; }
    }

    private void Register(WorkflowRegistry r) => r.Add(WorkflowDefinition.Create<Cart, int, string>("Cart", _ => new Cart(), async (cart, _) =>
        {
            await Workflow.WaitConditionAsync(() => cart.Closed && Workflow.AllHandlersFinished);
            return string.Join(",", cart.Items);
        },
        queries: [WorkflowQuery.Create<Cart, int>("Count", (cart, _) => cart.Items.Count)],
        signals: [WorkflowSignal.Create<Cart>("Close", (cart, _) => cart.Closed = true)],
        updates:
        [
            WorkflowUpdate.Create<Cart, int>("Add", async (cart, args) =>
            {
                var sku = (string)args[0]!;
                var price = await Workflow.RunStepAsync("Price", null, async token =>
                {
                    _counters.Hit("Price");
                    await _gate.WaitAsync(token);
                    return sku.Length * 10;
                });
                cart.Items.Add(sku);
                return price;
            },
            validator: (cart, args) =>
            {
                if (cart.Closed) throw new InvalidOperationException("the cart is closed");
                if (((string)args[0]!).Length == 0) throw new ArgumentException("a SKU is required");
            },
            typeof(string)),
            WorkflowUpdate.Create<Cart>("Fail", (_, _) => throw new InvalidOperationException("cannot do that")),
        ]));

    [Test]
    public async Task An_update_runs_a_step_changes_state_and_returns_its_result_to_the_caller()
    {
        var engine = Harness.Open(Register);
        var cart = await engine.Client.StartAsync<int, string>("Cart", 0, new() { InstanceId = "u-1" });

        Assert.That(await engine.Client.UpdateAsync<int>("u-1", "Add", ["book"]).Within(), Is.EqualTo(40));
        Assert.That(await engine.Client.UpdateAsync<int>("u-1", "Add", ["pen"]).Within(), Is.EqualTo(30));
        Assert.That(await engine.Client.QueryAsync<int>("u-1", "Count"), Is.EqualTo(2));
        await engine.Client.SignalAsync("u-1", "Close");

        Assert.That(await cart.GetResultAsync().Within(), Is.EqualTo("book,pen"));
        var journal = await Harness.JournalAsync("u-1");
        Assert.That(journal.Count(e => e.Kind == JournalEntryKind.Update), Is.EqualTo(2), "each accepted once");
        Assert.That(journal.Where(e => e.Name == "Price").Select(e => e.Scope), Is.All.StartsWith("!update/"), "an update's operations live in its own scope");
    }

    [Test]
    public async Task What_finished_updates_did_to_the_state_is_rebuilt_by_replay_after_a_restart()
    {
        var engine = Harness.Open(Register);
        var cart = await engine.Client.StartAsync<int, string>("Cart", 0, new() { InstanceId = "u-5" });
        await engine.Client.UpdateAsync<int>("u-5", "Add", ["book"]).Within();
        await engine.Client.UpdateAsync<int>("u-5", "Add", ["pen"]).Within();

        engine = await Harness.RestartAsync(Register);

        Assert.That(await engine.Client.QueryAsync<int>("u-5", "Count").Within(), Is.EqualTo(2), "the replayed updates added their items again");
        Assert.That(await engine.Client.UpdateAsync<int>("u-5", "Add", ["cup"]).Within(), Is.EqualTo(30));
        await engine.Client.SignalAsync("u-5", "Close");
        Assert.That(await engine.Client.GetResultAsync<string>("u-5").Within(), Is.EqualTo("book,pen,cup"));
        Assert.That(_counters["Price"], Is.EqualTo(3), "replay ran no recorded step again");
        Assert.That((await Harness.JournalAsync("u-5")).Count(e => e.OperationId.EndsWith("/run", StringComparison.Ordinal)), Is.EqualTo(3), "no result written twice");
    }

    [Test]
    public async Task Update_with_start_creates_the_instance_with_the_update_or_delivers_it_to_the_running_one()
    {
        var engine = Harness.Open(Register);
        var attach = new StartWorkflowOptions { InstanceId = "u-6", IdReusePolicy = WorkflowIdReusePolicy.UseExisting };

        Assert.That(await engine.Client.UpdateWithStartAsync<int, int>("Cart", 0, "Add", ["book"], attach).Within(), Is.EqualTo(40));
        Assert.That(await engine.Client.UpdateWithStartAsync<int, int>("Cart", 0, "Add", ["pen"], attach, updateId: "pen-1").Within(), Is.EqualTo(30));
        Assert.That(await engine.Client.UpdateWithStartAsync<int, int>("Cart", 0, "Add", ["pen"], attach, updateId: "pen-1").Within(), Is.EqualTo(30), "the same update ID: its one result");

        Assert.That(await engine.Client.QueryAsync<int>("u-6", "Count"), Is.EqualTo(2));
        Assert.That((await engine.Client.ListInstancesAsync()).Count(i => i.InstanceId == "u-6"), Is.EqualTo(1));
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => engine.Client.UpdateWithStartAsync<int, int>("Cart", 0, "Add", ["x"]));
        Assert.That(missing!.Message, Does.Contain("needs an instance ID"));
    }

    [Test]
    public async Task Update_with_start_racing_from_several_tasks_makes_one_instance_that_runs_every_update_once()
    {
        var engine = Harness.Open(Register);
        var attach = new StartWorkflowOptions { InstanceId = "u-7", IdReusePolicy = WorkflowIdReusePolicy.UseExisting };

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            engine.Client.UpdateWithStartAsync<int, int>("Cart", 0, "Add", [$"sku{i}"], attach)))).Within();

        Assert.That(results, Is.All.EqualTo(40));
        Assert.That(await engine.Client.QueryAsync<int>("u-7", "Count"), Is.EqualTo(4));
        Assert.That(_counters["Price"], Is.EqualTo(4));
    }

    [Test]
    public async Task A_validator_rejects_before_anything_is_written()
    {
        var engine = Harness.Open(Register);
        await engine.Client.StartAsync<int, string>("Cart", 0, new() { InstanceId = "u-2" });

        var error = await Assert.ThrowsAsync<WorkflowUpdateRejectedException>(() => engine.Client.UpdateAsync<int>("u-2", "Add", [""]).Within());
        Assert.That(error!.Message, Does.Contain("Update 'Add' of workflow instance 'u-2' was rejected by its validator: a SKU is required"));
        Assert.That(await Harness.Store.LoadInboxAsync("u-2"), Is.Empty);
        Assert.That(await Harness.JournalAsync("u-2"), Is.Empty);
        Assert.That(_counters["Price"], Is.Zero);
    }

    [Test]
    public async Task Killed_after_acceptance_and_before_the_result_the_caller_asking_again_gets_the_one_result()
    {
        _gate = new Gate();
        var engine = Harness.Open(Register);
        await engine.Client.StartAsync<int, string>("Cart", 0, new() { InstanceId = "u-3" });
        var first = engine.Client.UpdateAsync<int>("u-3", "Add", ["lamp"], updateId: "add-lamp");
        await _gate.Entered.Within();

        // The engine stops with the step in flight: its result was never recorded, the acceptance was.
        engine = await Harness.RestartAsync(Register);
        Assert.That(async () => await first, Throws.InstanceOf<Exception>(), "the first caller's engine is gone");
        _gate.Open();

        Assert.That(await engine.Client.UpdateAsync<int>("u-3", "Add", ["lamp"], updateId: "add-lamp").Within(), Is.EqualTo(40));
        Assert.That(await engine.Client.UpdateAsync<int>("u-3", "Add", ["lamp"], updateId: "add-lamp").Within(), Is.EqualTo(40), "asked again: the recorded result");
        var journal = await Harness.JournalAsync("u-3");
        Assert.That(journal.Count(e => e.Kind == JournalEntryKind.Update), Is.EqualTo(1));
        Assert.That(journal.Count(e => e.Name == "Price" && e.Status == JournalEntryStatus.Completed), Is.EqualTo(1), "one recorded outcome");
        Assert.That(_counters["Price"], Is.EqualTo(2), "the step ran at least once: again after the restart");
        Assert.That(await engine.Client.QueryAsync<int>("u-3", "Count"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failing_handler_fails_the_update_not_the_instance_and_bad_requests_say_what_is_wrong()
    {
        var engine = Harness.Open(Register);
        var cart = await engine.Client.StartAsync<int, string>("Cart", 0, new() { InstanceId = "u-4" });

        var failed = await Assert.ThrowsAsync<WorkflowUpdateFailedException>(() => engine.Client.UpdateAsync<object>("u-4", "Fail").Within());
        Assert.That(failed!.Message, Does.Contain("Update 'Fail'").And.Contain("'u-4' failed: System.InvalidOperationException: cannot do that"));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => engine.Client.UpdateAsync<int>("u-4", "Remove"));
        Assert.That(unknown!.Message, Does.Contain("no update named 'Remove'").And.Contain("Add, Fail"));
        var badArgument = await Assert.ThrowsAsync<ArgumentException>(() => engine.Client.UpdateAsync<int>("u-4", "Add", [1]));
        Assert.That(badArgument!.Message, Does.Contain("Argument 0 of update 'Add'"));

        await engine.Client.SignalAsync("u-4", "Close");
        Assert.That(await cart.GetResultAsync().Within(), Is.EqualTo(""));
        var late = await Assert.ThrowsAsync<WorkflowException>(() => engine.Client.UpdateAsync<int>("u-4", "Add", ["x"]));
        Assert.That(late!.Message, Does.Contain("already ended Completed"));
    }
}
