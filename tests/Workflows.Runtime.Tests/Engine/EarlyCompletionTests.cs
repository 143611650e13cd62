using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class EarlyCompletionTests(StoreKind kind) : EngineTestBase(kind)
{
    private Counters _counters = new();

    [SetUp]
    public void ResetCounters() => _counters = new();

    private void Register(WorkflowRegistry r) => r.Add<int, string>("FirstQuotes", async needed =>
    {
        var quotes = await Workflow.MapAsync(Enumerable.Range(0, 6), async item =>
        {
            var quote = await Workflow.RunStepAsync("Quote", null, _ => { _counters.Hit($"quote-{item}"); return Task.FromResult(100 + item); });
            await Workflow.RunStepAsync("Confirm", null, _ => { _counters.Hit($"confirm-{item}"); return Task.FromResult(0); });
            return quote;
        }, new MapOptions { MaxConcurrency = 2, CompleteAfterSuccesses = needed });
        return string.Join(",", quotes.Items.Select(i => $"{i.Index}:{i.Status}"));
    });

    [Test]
    public async Task A_fan_out_completes_after_enough_successes_and_records_the_rest_as_cancelled()
    {
        Harness.Open(Register);

        var result = await Harness.Client.RunAsync<int, string>("FirstQuotes", 2, new() { InstanceId = "e-1" }).Within();

        var statuses = result.Split(',').Select(s => s.Split(':')[1]).ToList();
        Assert.That(statuses.Count(s => s == "Succeeded"), Is.InRange(2, 3), "two succeeded; one more may finish its running step first");
        Assert.That(statuses.Count(s => s == "Canceled"), Is.EqualTo(6 - statuses.Count(s => s == "Succeeded")));
        Assert.That(Enumerable.Range(3, 3).Sum(i => _counters[$"quote-{i}"]), Is.Zero, "items never started did not run");
        var journal = await Harness.JournalAsync("e-1");
        Assert.That(journal.Count(e => e.Name == "item" && e.Status == JournalEntryStatus.Failed), Is.EqualTo(statuses.Count(s => s == "Canceled")), "the cancellations are journaled");

        var replay = await WorkflowReplayer.ReplayAsync(Harness.Store, "e-1", Replayable());
        Assert.That((replay.Incompatibility, replay.Finished), Is.EqualTo(((string?)null, true)), "replay completes the same way");
    }

    [Test]
    public void CompleteAfterSuccesses_below_one_is_refused_in_workflow_code()
    {
        Harness.Open(Register);

        Assert.That(async () => await Harness.Client.RunAsync<int, string>("FirstQuotes", 0, new() { InstanceId = "e-2" }).Within(),
            Throws.TypeOf<WorkflowFailedException>().With.Message.Contains("CompleteAfterSuccesses must be at least 1"));
    }

    private WorkflowEngineOptions Replayable()
    {
        var options = new WorkflowEngineOptions();
        Register(options.Workflows);
        return options;
    }
}
