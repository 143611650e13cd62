using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class OperationIdTests(StoreKind kind) : EngineTestBase(kind)
{

    private static Task<int> Step(string name, int value) => Workflow.RunStepAsync(name, null, _ => Task.FromResult(value));

    [Test]
    public async Task Ids_count_occurrences_per_name_in_call_order_including_loops_of_loops()
    {
        Harness.Open(r => r.Add<int, int>("Loops", async _ =>
        {
            var sum = await Step("Prepare", 1);
            for (var outer = 0; outer < 2; outer++)
            {
                sum += await Step("Outer", outer);
                for (var inner = 0; inner < 3; inner++) sum += await Step("Inner", outer * 10 + inner);
            }
            return sum;
        }));

        await Harness.Client.RunAsync<int, int>("Loops", 0, new() { InstanceId = "loops" }).Within();

        var journal = await Harness.JournalAsync("loops");
        Assert.That(journal.Select(e => e.OperationId), Is.EqualTo(new[]
        {
            "/Prepare#1", "/Outer#1", "/Inner#1", "/Inner#2", "/Inner#3", "/Outer#2", "/Inner#4", "/Inner#5", "/Inner#6",
        }));
        Assert.That(journal.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, 9)));
        Assert.That(journal.Select(e => e.Result), Is.EqualTo(new[] { "1", "0", "0", "1", "2", "1", "10", "11", "12" }));
    }

    [Test]
    public async Task Repeated_invocations_of_the_same_helper_get_distinct_ids_and_run_live_each_time()
    {
        var counters = new Counters();
        async Task<int> Charge(int amount) => await Workflow.RunStepAsync("Charge", null, _ =>
        {
            counters.Hit(Workflow.Step.OperationId);
            return Task.FromResult(amount);
        });

        Harness.Open(r => r.Add<int, int[]>("Repeat", async _ => [await Charge(5), await Charge(7), await Charge(9)]));

        var result = await Harness.Client.RunAsync<int, int[]>("Repeat", 0, new() { InstanceId = "repeat" }).Within();

        Assert.That(result, Is.EqualTo(new[] { 5, 7, 9 }), "each call ran live with its own argument, none replayed another's result");
        Assert.That(counters["/Charge#1"], Is.EqualTo(1));
        Assert.That(counters["/Charge#2"], Is.EqualTo(1));
        Assert.That(counters["/Charge#3"], Is.EqualTo(1));
    }

    [Test]
    public async Task Ids_and_values_are_stable_across_a_restart_mid_run()
    {
        var gate = new Gate();
        var counters = new Counters();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Stable", async _ =>
        {
            var id = Workflow.NewGuid();
            var roll = Workflow.Random.Next(1_000_000);
            var a = await Workflow.RunStepAsync("A", null, _ => { counters.Hit("A"); return Task.FromResult(1); });
            var now = Workflow.UtcNow;
            await Workflow.RunStepAsync("Block", null, async token =>
            {
                counters.Hit("Block");
                await gate.WaitAsync(token);
                return 0;
            });
            return $"{id} {roll} {a} {now:O}";
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Stable", 0, new() { InstanceId = "stable" });
        await gate.Entered.Within();
        var before = (await Harness.JournalAsync("stable")).Where(e => !e.OperationId.StartsWith('!')).Select(e => (e.OperationId, e.Result)).ToList();

        await Harness.RestartAsync(Register);
        gate.Open();
        var result = await Harness.Client.GetHandle<string>("stable").GetResultAsync().Within();

        var after = (await Harness.JournalAsync("stable")).Where(e => !e.OperationId.StartsWith('!')).Select(e => (e.OperationId, e.Result)).ToList();
        Assert.That(after.Take(before.Count), Is.EqualTo(before), "replay reproduced every recorded ID and value");
        Assert.That(after.Select(e => e.OperationId), Is.EqualTo(new[] { "/$guid#1", "/$random#1", "/A#1", "/$now#1", "/Block#1" }));
        var guid = System.Text.Json.JsonSerializer.Deserialize<Guid>(before[0].Result!);
        Assert.That(result, Does.StartWith(guid.ToString()));
        Assert.That(counters["A"], Is.EqualTo(1), "a completed step is not run again on replay");
        Assert.That(counters["Block"], Is.EqualTo(2), "the step that was in flight at the restart runs again");
    }
}
