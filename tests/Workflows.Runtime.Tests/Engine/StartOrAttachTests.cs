using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class StartOrAttachTests(StoreKind kind) : EngineTestBase(kind)
{
    // One fixture object serves all its tests: each test counts afresh.
    private Counters _counters = new();

    [SetUp]
    public void ResetCounters() => _counters = new();

    private void Workflows(WorkflowRegistry r)
    {
        r.Add<string, string>("Greet", async name =>
        {
            var greeting = await Workflow.RunStepAsync("Compose", null, _ => { _counters.Hit("Compose"); return Task.FromResult($"hello {name}"); });
            return greeting;
        });
        r.Add<int, string>("Collect", async count =>
        {
            var items = new List<int>();
            for (var i = 0; i < count; i++) items.Add(await Workflow.WaitForEventAsync<int>("item"));
            return string.Join(",", items.Order());
        });
        r.Add<string, string>("Other", name => Task.FromResult(name));
    }

    private static StartWorkflowOptions Options(string id, WorkflowIdReusePolicy policy, WorkflowEvent? first = null) =>
        new() { InstanceId = id, IdReusePolicy = policy, Event = first };

    [Test]
    public async Task Running_the_same_ID_twice_with_UseExisting_returns_the_first_result_and_runs_the_workflow_once()
    {
        Harness.Open(Workflows);
        var first = await Harness.Client.RunAsync<string, string>("Greet", "ada", Options("a-1", WorkflowIdReusePolicy.UseExisting)).Within();
        var second = await Harness.Client.RunAsync<string, string>("Greet", "bob", Options("a-1", WorkflowIdReusePolicy.UseExisting)).Within();

        Assert.That((first, second), Is.EqualTo(("hello ada", "hello ada")), "the second start attached; its input was ignored");
        Assert.That(_counters["Compose"], Is.EqualTo(1));
    }

    [Test]
    public async Task A_start_attaches_to_a_running_instance_and_both_handles_see_its_one_result()
    {
        Harness.Open(Workflows);
        var first = await Harness.Client.StartAsync<int, string>("Collect", 1, Options("a-2", WorkflowIdReusePolicy.UseExisting));
        var second = await Harness.Client.StartAsync<int, string>("Collect", 5, Options("a-2", WorkflowIdReusePolicy.UseRunning));
        await Harness.Client.RaiseEventAsync("a-2", "item", 7);

        Assert.That(await first.GetResultAsync().Within(), Is.EqualTo("7"));
        Assert.That(await second.GetResultAsync().Within(), Is.EqualTo("7"));
        Assert.That((await Harness.Client.ListInstancesAsync()).Count(i => i.InstanceId == "a-2"), Is.EqualTo(1));
    }

    [Test]
    public async Task UseRunning_replaces_a_finished_instance_and_Reject_still_refuses_a_taken_ID()
    {
        Harness.Open(Workflows);
        await Harness.Client.RunAsync<string, string>("Greet", "ada", Options("a-3", WorkflowIdReusePolicy.Reject)).Within();

        Assert.That(async () => await Harness.Client.StartAsync<string, string>("Greet", "bob", Options("a-3", WorkflowIdReusePolicy.Reject)),
            Throws.TypeOf<WorkflowInstanceExistsException>());
        var again = await Harness.Client.RunAsync<string, string>("Greet", "bob", Options("a-3", WorkflowIdReusePolicy.UseRunning)).Within();

        Assert.That(again, Is.EqualTo("hello bob"));
        Assert.That(_counters["Compose"], Is.EqualTo(2));
    }

    [Test]
    public async Task A_start_never_attaches_to_an_instance_of_another_workflow()
    {
        Harness.Open(Workflows);
        await Harness.Client.RunAsync<string, string>("Other", "x", Options("a-4", WorkflowIdReusePolicy.Reject)).Within();

        var error = await Assert.ThrowsAsync<WorkflowInstanceExistsException>(async () =>
            await Harness.Client.StartAsync<string, string>("Greet", "ada", Options("a-4", WorkflowIdReusePolicy.UseExisting)));
        Assert.That(error!.Message, Does.Contain("'a-4'").And.Contain("workflow 'Other', not 'Greet'"));
    }

    [Test]
    public async Task Signal_with_start_creates_the_instance_with_its_event_or_delivers_the_event_to_the_running_one()
    {
        Harness.Open(Workflows);
        var handle = await Harness.Client.StartAsync<int, string>("Collect", 2, Options("s-1", WorkflowIdReusePolicy.UseExisting, new("item", 1)));
        await Harness.Client.StartAsync<int, string>("Collect", 2, Options("s-1", WorkflowIdReusePolicy.UseExisting, new("item", 2)));

        Assert.That(await handle.GetResultAsync().Within(), Is.EqualTo("1,2"));
    }

    [Test]
    public async Task Signal_with_start_racing_from_many_tasks_makes_one_instance_and_delivers_every_event_once()
    {
        Harness.Open(Workflows);
        const int Racers = 6;
        for (var round = 0; round < 5; round++)
        {
            var id = $"race-{round}";
            var starts = Enumerable.Range(1, Racers).Select(i => Task.Run(() =>
                Harness.Client.StartAsync<int, string>("Collect", Racers, Options(id, WorkflowIdReusePolicy.UseExisting, new("item", i))))).ToList();
            await Task.WhenAll(starts).Within();

            Assert.That(await Harness.Client.GetResultAsync<string>(id).Within(), Is.EqualTo(string.Join(",", Enumerable.Range(1, Racers))));
        }
        Assert.That((await Harness.Client.ListInstancesAsync()).Count, Is.EqualTo(5));
    }

    [Test]
    public async Task Signal_with_start_on_a_finished_instance_fails_with_UseExisting_and_starts_anew_with_UseRunning()
    {
        Harness.Open(Workflows);
        await Harness.Client.RunAsync<int, string>("Collect", 1, Options("s-2", WorkflowIdReusePolicy.Reject, new("item", 1))).Within();

        var error = await Assert.ThrowsAsync<WorkflowException>(async () =>
            await Harness.Client.StartAsync<int, string>("Collect", 1, Options("s-2", WorkflowIdReusePolicy.UseExisting, new("item", 2))));
        Assert.That(error!.Message, Does.Contain("'s-2' already ended Completed").And.Contain("'item'").And.Contain("UseRunning"));

        var again = await Harness.Client.RunAsync<int, string>("Collect", 1, Options("s-2", WorkflowIdReusePolicy.UseRunning, new("item", 3))).Within();
        Assert.That(again, Is.EqualTo("3"));
    }

    [Test]
    public async Task A_start_event_survives_a_restart_and_the_next_event_follows_it()
    {
        Harness.Open(Workflows);
        await Harness.Client.StartAsync<int, string>("Collect", 2, Options("s-3", WorkflowIdReusePolicy.UseExisting, new("item", 1)));
        await Harness.RestartAsync(Workflows);
        await Harness.Client.StartAsync<int, string>("Collect", 2, Options("s-3", WorkflowIdReusePolicy.UseExisting, new("item", 2)));

        Assert.That(await Harness.Client.GetResultAsync<string>("s-3").Within(), Is.EqualTo("1,2"));
    }

    [Test]
    public void A_start_event_with_a_reserved_name_is_refused_before_anything_is_stored()
    {
        Harness.Open(Workflows);

        Assert.That(async () => await Harness.Client.StartAsync<int, string>("Collect", 1, Options("s-4", WorkflowIdReusePolicy.UseExisting, new("bad$name", 1))),
            Throws.ArgumentException.With.Message.Contains("bad$name"));
        Assert.That(async () => await Harness.Client.GetStatusAsync("s-4"), Throws.TypeOf<WorkflowInstanceNotFoundException>());
    }
}
