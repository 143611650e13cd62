using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class ConcurrencyTests(StoreKind kind)
{
    [Test]
    public async Task Sixty_four_concurrent_instances_journal_every_step_exactly_once()
    {
        await using var harness = new EngineHarness(kind);
        var runs = new Counters();
        harness.Open(r => r.Add<int, int>("Twenty", async seed =>
        {
            var total = 0;
            for (var i = 0; i < 20; i++)
            {
                var n = i;
                total += await Workflow.RunStepAsync("Step", null, async _ =>
                {
                    runs.Hit(Workflow.Step.IdempotencyKey);
                    await Task.Yield();
                    return seed + n;
                });
            }
            return total;
        }));

        var handles = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            harness.Client.StartAsync<int, int>("Twenty", i, new() { InstanceId = $"c{i}" })));
        var results = await Task.WhenAll(handles.Select(h => h.GetResultAsync())).Within();

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 64).Select(i => i * 20 + 190)));
        Assert.That(runs.Total, Is.EqualTo(64 * 20));
        for (var i = 0; i < 64; i++)
        {
            var journal = await harness.JournalAsync($"c{i}");
            Assert.That(journal.Select(e => e.OperationId), Is.EqualTo(Enumerable.Range(1, 20).Select(n => $"/Step#{n}")));
            Assert.That(journal.Select(e => e.CompletionIndex), Is.EqualTo(Enumerable.Range(1, 20).Select(n => (long)n)));
            Assert.That(journal.All(e => e.Status == JournalEntryStatus.Completed));
        }
    }
}
