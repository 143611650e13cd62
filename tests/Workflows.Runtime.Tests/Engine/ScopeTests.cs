using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class ScopeTests(StoreKind kind) : EngineTestBase(kind)
{
    [Test]
    public async Task A_completed_scope_returns_its_recorded_result_on_replay_without_running_its_body()
    {
        var counters = new Counters();
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Scoped", async _ =>
        {
            var packed = await Workflow.ScopeAsync("Pack", async () =>
            {
                counters.Hit("body");
                var box = await Workflow.RunStepAsync("Box", null, _ => Task.FromResult("box"));
                var tape = await Workflow.RunStepAsync("Tape", null, _ => Task.FromResult("tape"));
                return box + "+" + tape;
            });
            await Workflow.RunStepAsync("Hold", null, async token => { await gate.WaitAsync(token); return 0; });
            return packed;
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Scoped", 0, new() { InstanceId = "s-1" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("s-1").GetResultAsync().Within(), Is.EqualTo("box+tape"));
        Assert.That(counters["body"], Is.EqualTo(1), "the scope's body did not run again on replay");
        var journal = (await Harness.JournalAsync("s-1")).Where(e => !e.OperationId.StartsWith('!')).ToList();
        Assert.That(journal.Select(e => e.OperationId), Is.EquivalentTo(new[] { "/Pack#1", "/Pack#1/Box#1", "/Pack#1/Tape#1", "/Hold#1" }));
        Assert.That(journal.Single(e => e.OperationId == "/Pack#1").Kind, Is.EqualTo(JournalEntryKind.Scope));
    }

    [Test]
    public async Task A_scope_failure_is_recorded_and_thrown_again_on_replay()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Failing", async _ =>
        {
            string outcome;
            try
            {
                await Workflow.ScopeAsync("Risky", async () =>
                {
                    await Workflow.RunStepAsync("Try", null, _ => Task.FromResult(1));
                    throw new InvalidOperationException("out of boxes");
                });
                outcome = "no";
            }
            catch (ScopeFailedException ex)
            {
                outcome = ex.Error.Message;
            }
            await Workflow.RunStepAsync("Hold", null, async token => { await gate.WaitAsync(token); return 0; });
            return outcome;
        });

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Failing", 0, new() { InstanceId = "s-2" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("s-2").GetResultAsync().Within(), Is.EqualTo("out of boxes"));
    }

    [Test]
    public async Task A_virtual_scope_writes_no_record_and_its_operations_belong_to_the_nearest_real_scope()
    {
        Harness.Open(r => r.Add<int, string>("Virtual", async _ =>
        {
            await Workflow.RunStepAsync("Step", null, _ => Task.FromResult(0));
            await Workflow.ScopeAsync("Outer", async () =>
            {
                await Workflow.RunStepAsync("Step", null, _ => Task.FromResult(0));
                await Workflow.ScopeAsync("Inner", async () =>
                {
                    await Workflow.RunStepAsync("Step", null, _ => Task.FromResult(0));
                    await Workflow.ScopeAsync("Deeper", () => Workflow.RunStepAsync("Step", null, _ => Task.FromResult(0)), isVirtual: true);
                }, isVirtual: true);
            });
            return "ok";
        }));

        await Harness.Client.RunAsync<int, string>("Virtual", 0, new() { InstanceId = "s-3" }).Within();

        Assert.That((await Harness.JournalAsync("s-3")).Select(e => e.OperationId), Is.EquivalentTo(new[]
        {
            "/Step#1", "/Outer#1", "/Outer#1/Step#1", "/Outer#1/Step#2", "/Outer#1/Step#3",
        }), "virtual scopes collapse into '/Outer#1'; IDs stay unique");
    }
}
