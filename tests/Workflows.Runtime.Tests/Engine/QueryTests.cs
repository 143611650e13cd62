using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class QueryTests(StoreKind kind) : EngineTestBase(kind)
{
    // One fixture object serves all its tests: each test counts afresh.
    private Counters _counters = new();

    [SetUp]
    public void ResetCounters() => _counters = new();

    private sealed class Tally
    {
        public int Total { get; set; }

        public List<int> Seen { get; } = [];
    }

    private void Register(WorkflowRegistry r) => r.Add(WorkflowDefinition.Create<Tally, int, int>("Tally", _ => new Tally(), async (tally, count) =>
        {
            while (tally.Seen.Count < count)
            {
                var value = await Workflow.WaitForEventAsync<int>("add");
                tally.Total += await Workflow.RunStepAsync("Double", null, _ => { _counters.Hit("Double"); return Task.FromResult(value * 2); });
                tally.Seen.Add(value);
                Workflow.SetStatus($"{tally.Seen.Count} of {count}");
            }
            return tally.Total;
        },
        queries:
        [
            WorkflowQuery.Create<Tally, int>("Total", (tally, _) => tally.Total),
            WorkflowQuery.Create<Tally, bool>("Saw", (tally, args) => tally.Seen.Contains((int)args[0]!), typeof(int)),
            WorkflowQuery.Create<Tally, int>("Broken", (tally, _) => throw new InvalidOperationException("no total yet")),
        ]));

    private async Task<WorkflowEngine> StartWithTwoAddsAsync(string id, Action<WorkflowEngineOptions>? configure = null)
    {
        var engine = Harness.Open(Register, configure);
        await engine.Client.StartAsync<int, int>("Tally", 3, new() { InstanceId = id });
        await engine.Client.RaiseEventAsync(id, "add", 1);
        await engine.Client.RaiseEventAsync(id, "add", 2);
        await Eventually.TrueAsync(async () => (await engine.Client.GetStatusAsync(id)).CustomStatusJson == "\"2 of 3\"");
        return engine;
    }

    [Test]
    public async Task A_live_instance_answers_from_its_current_state_and_writes_nothing()
    {
        var engine = await StartWithTwoAddsAsync("q-1");
        var journal = (await Harness.JournalAsync("q-1")).Count;

        Assert.That(await engine.Client.QueryAsync<int>("q-1", "Total").Within(), Is.EqualTo(6));
        Assert.That(await engine.Client.QueryAsync<bool>("q-1", "Saw", [2]).Within(), Is.True);
        Assert.That(await engine.Client.QueryAsync<bool>("q-1", "Saw", [3]).Within(), Is.False);
        Assert.That((await Harness.JournalAsync("q-1")).Count, Is.EqualTo(journal), "a query writes nothing");
        Assert.That(_counters["Double"], Is.EqualTo(2));

        await engine.Client.RaiseEventAsync("q-1", "add", 3);
        Assert.That(await engine.Client.GetResultAsync<int>("q-1").Within(), Is.EqualTo(12), "the instance went on as if never asked");
        Assert.That(await engine.Client.QueryAsync<int>("q-1", "Total").Within(), Is.EqualTo(12), "a finished instance answers from its replayed journal");
        Assert.That(_counters["Double"], Is.EqualTo(3), "answering from the journal ran no step again");
    }

    [Test]
    public async Task An_instance_that_left_memory_answers_from_a_replay_and_stays_where_it_was()
    {
        var engine = await StartWithTwoAddsAsync("q-2", o => o.EvictSuspendedAfter = TimeSpan.FromMilliseconds(50));
        await Eventually.TrueAsync(() => !engine.TryGetRunner("q-2", out _));

        Assert.That(await engine.Client.QueryAsync<int>("q-2", "Total").Within(), Is.EqualTo(6));
        Assert.That(engine.TryGetRunner("q-2", out _), Is.False, "answering did not resume it");
        Assert.That(_counters["Double"], Is.EqualTo(2));

        await engine.Client.RaiseEventAsync("q-2", "add", 5);
        Assert.That(await engine.Client.GetResultAsync<int>("q-2").Within(), Is.EqualTo(16));
    }

    [Test]
    public async Task After_a_restart_a_query_sees_the_replayed_state_and_the_custom_status_is_still_stored()
    {
        await StartWithTwoAddsAsync("q-3");
        var engine = await Harness.RestartAsync(Register);

        Assert.That(await engine.Client.QueryAsync<int>("q-3", "Total").Within(), Is.EqualTo(6));
        Assert.That((await engine.Client.GetStatusAsync("q-3")).CustomStatusJson, Is.EqualTo("\"2 of 3\""));
        Assert.That(_counters["Double"], Is.EqualTo(2));
    }

    [Test]
    public async Task Bad_queries_fail_with_what_is_wrong_and_the_instance_goes_on()
    {
        var engine = await StartWithTwoAddsAsync("q-4");
        var client = engine.Client;

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => client.QueryAsync<int>("q-4", "Count"));
        Assert.That(unknown!.Message, Does.Contain("no query named 'Count'").And.Contain("Broken, Saw, Total"));
        var badArgument = await Assert.ThrowsAsync<ArgumentException>(() => client.QueryAsync<bool>("q-4", "Saw", ["two"]));
        Assert.That(badArgument!.Message, Does.Contain("Argument 0 of query 'Saw'").And.Contain("System.Int32"));
        var missingArgument = await Assert.ThrowsAsync<ArgumentException>(() => client.QueryAsync<bool>("q-4", "Saw"));
        Assert.That(missingArgument!.Message, Does.Contain("takes 1 argument(s), not 0"));
        var badResult = await Assert.ThrowsAsync<ArgumentException>(() => client.QueryAsync<string>("q-4", "Total"));
        Assert.That(badResult!.Message, Does.Contain("returns System.Int32"));
        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => client.QueryAsync<int>("q-none", "Total"));
        var threw = await Assert.ThrowsAsync<WorkflowException>(() => client.QueryAsync<int>("q-4", "Broken").Within());
        Assert.That(threw!.Message, Does.Contain("Query 'Broken' of workflow instance 'q-4' threw InvalidOperationException: no total yet"));

        await client.RaiseEventAsync("q-4", "add", 3);
        Assert.That(await client.GetResultAsync<int>("q-4").Within(), Is.EqualTo(12));
    }
}
