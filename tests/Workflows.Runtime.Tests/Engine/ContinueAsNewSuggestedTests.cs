using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
public sealed class ContinueAsNewSuggestedTests(StoreKind kind) : EngineTestBase(kind)
{
    [Test]
    public async Task It_turns_true_after_the_configured_number_of_calls_and_a_replay_after_a_restart_agrees()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Batches", async round =>
        {
            var made = 0;
            while (!Workflow.ContinueAsNewSuggested)
            {
                var index = made;
                await Workflow.RunStepAsync("Item", null, async token =>
                {
                    if (round == 2 && index == 2) await gate.WaitAsync(token);
                    return index;
                });
                made++;
            }
            if (round < 3) throw Workflow.ContinueAsNew(round + 1);
            return $"round {round}: {made} calls";
        });

        Harness.Open(Register, o => o.ContinueAsNewSuggestedAfter = 4);
        await Harness.Client.StartAsync<int, string>("Batches", 1, new() { InstanceId = "batches" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register, o => o.ContinueAsNewSuggestedAfter = 3);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<string>("batches").GetResultAsync().Within(), Is.EqualTo("round 3: 3 calls"));
        var calls = new List<int>();
        for (var execution = 1; execution <= 3; execution++) calls.Add((await Harness.Store.LoadJournalAsync("batches", execution)).Count(e => e.Name == "Item"));
        Assert.That(calls, Is.EqualTo(new[] { 4, 3, 3 }),
            "execution 1 ran under a threshold of 4; execution 2 replayed its first calls after the restart lowered it to 3 and said yes live at its third");

        var options = new WorkflowEngineOptions { ContinueAsNewSuggestedAfter = 2 };
        Register(options.Workflows);
        var replay = await WorkflowReplayer.ReplayExecutionAsync(Harness.Store, "batches", 1, options);
        Assert.That(replay.IsCompatible, Is.True, $"a replay under another threshold follows the recorded suggestion: {replay.Incompatibility}");
        Assert.That(Workflow.ContinueAsNewSuggested, Is.False, "outside a workflow");
    }

    [Test]
    public void A_threshold_below_one_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WorkflowEngine.Create(new WorkflowEngineOptions { ContinueAsNewSuggestedAfter = 0 }.UseInMemory()));
        Assert.That(error!.Message, Does.Contain("ContinueAsNewSuggestedAfter must be at least 1"));
    }
}
