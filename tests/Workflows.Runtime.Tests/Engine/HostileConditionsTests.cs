using Workflows.Runtime.Tests.Support;
using Workflows.Storage;
using Workflows.Storage.InMemory;
using Workflows.Storage.LiteDb;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>Steps that hang, payloads of the wrong type, changed input types and failing writes: clear errors, nothing lost.</summary>
[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class HostileConditionsTests(StoreKind kind) : EngineTestBase(kind)
{
    [Test]
    public async Task A_step_that_never_returns_times_out_and_is_retried_then_fails_naming_the_step()
    {
        var attempts = new Counters();
        var options = new StepOptions { Timeout = TimeSpan.FromMilliseconds(100), MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(10) };
        Harness.Open(r => r.Add<int, string>("Hang", async _ =>
        {
            try
            {
                // The body ignores its token: the timeout still ends the attempt.
                await Workflow.RunStepAsync("Forever", options, async _ => { attempts.Hit("Forever"); await Task.Delay(Timeout.Infinite, CancellationToken.None); return 0; });
                return "returned";
            }
            catch (StepFailedException failed)
            {
                return $"{failed.Error.Type}: {failed.Error.Message}";
            }
        }));

        var result = await Harness.Client.RunAsync<int, string>("Hang", 0, new() { InstanceId = "hang" }).Within();

        Assert.That(result, Does.StartWith("System.TimeoutException: Attempt 2 of step '/Forever#1' in workflow instance 'hang' did not finish within"));
        Assert.That(attempts["Forever"], Is.EqualTo(2));
        var entry = (await Harness.JournalAsync("hang")).Single(e => e.OperationId == "/Forever#1");
        Assert.That((entry.Status, entry.Attempts), Is.EqualTo((JournalEntryStatus.Failed, 2)));
    }

    [Test]
    public void A_non_positive_step_timeout_is_rejected_naming_the_step()
    {
        var error = Assert.Throws<ArgumentException>(() => new StepOptions { Timeout = TimeSpan.Zero }.Validate("Charge"));
        Assert.That(error!.Message, Does.Contain("'Charge'").And.Contain("Timeout"));
    }

    [Test]
    public async Task An_event_payload_of_the_wrong_type_surfaces_at_the_wait_and_replays_identically()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Typed", async _ =>
        {
            string seen;
            try
            {
                seen = $"got {await Workflow.WaitForEventAsync<int>("count")}";
            }
            catch (PayloadException wrong)
            {
                seen = wrong.Message;
            }
            await Workflow.RunStepAsync("Hold", null, async t => { await gate.WaitAsync(t); return 0; });
            return seen;
        });
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Typed", 0, new() { InstanceId = "typed" });
        await Harness.Client.RaiseEventAsync("typed", "count", "not a number");
        await gate.Entered.Within();

        await Harness.RestartAsync(Register);
        gate.Open();
        var seen = await Harness.Client.GetResultAsync<string>("typed").Within();
        Assert.That(seen, Does.Contain("event 'count'").And.Contain("typed"));
    }

    public sealed record Parcel(string Sku, int Weight);

    [Test]
    public async Task A_stored_input_the_new_input_type_cannot_read_leaves_the_instance_intact_until_the_type_returns()
    {
        var gate = new Gate();
        void Original(WorkflowRegistry r) => r.Add<int, int>("Ship", async n => await Workflow.RunStepAsync("Hold", null, async t => { await gate.WaitAsync(t); return n; }));
        void Changed(WorkflowRegistry r) => r.Add<Parcel, int>("Ship", parcel => Task.FromResult(parcel.Weight));

        Harness.Open(Original);
        await Harness.Client.StartAsync<int, int>("Ship", 7, new() { InstanceId = "ship" });
        await gate.Entered.Within();

        await Harness.RestartAsync(Changed);
        await Eventually.TrueAsync(() => Harness.Client.GetStatusAsync("ship").GetAwaiter().GetResult().StalledReason is not null);
        var status = await Harness.Client.GetStatusAsync("ship");
        Assert.That(status.Status, Is.EqualTo(WorkflowStatus.Running), "not failed: the instance is kept");
        Assert.That(status.StalledReason, Does.Contain("does not read as").And.Contain(typeof(Parcel).FullName!));

        await Harness.RestartAsync(Original);
        gate.Open();
        Assert.That(await Harness.Client.GetResultAsync<int>("ship").Within(), Is.EqualTo(7));
    }

    [Test]
    public async Task When_writes_fail_the_instance_waits_with_the_reason_and_finishes_once_the_store_writes_again()
    {
        await using var full = new FullDiskStore(Kind == StoreKind.LiteDb ? LiteDbCheckpointStore.Open(Harness.DatabasePath) : new InMemoryCheckpointStore(), ownsInner: true);
        var runs = new Counters();
        var gate = new Gate();
        var options = new WorkflowEngineOptions().UseStore(full);
        options.Workflows.Add<int, int>("Sum", async n =>
        {
            var a = await Workflow.RunStepAsync("A", null, _ => { runs.Hit("A"); return Task.FromResult(n); });
            var b = await Workflow.RunStepAsync("B", null, async t => { runs.Hit("B"); await gate.WaitAsync(t); return 2 * n; });
            return a + b;
        });
        await using var engine = WorkflowEngine.Create(options);
        var handle = await engine.Client.StartAsync<int, int>("Sum", 5, new() { InstanceId = "sum" });
        await gate.Entered.Within();

        full.IsFull = true;
        gate.Open();
        var failedStart = await Assert.ThrowsAsync<CheckpointStoreException>(() => engine.Client.StartAsync<int, int>("Sum", 1, new() { InstanceId = "refused" }));
        Assert.That(failedStart!.Error, Is.EqualTo(CheckpointStoreError.WriteFailed), "a client sees the failure");
        var result = handle.GetResultAsync();
        await Eventually.TrueAsync(() => engine.Client.GetStatusAsync("sum").GetAwaiter().GetResult().StalledReason?.Contains("No space left", StringComparison.Ordinal) == true);
        Assert.That(await engine.Client.ListInstancesAsync(), Has.Count.EqualTo(1), "the refused start left nothing");

        full.IsFull = false;
        Assert.That(await result.Within(), Is.EqualTo(15), "the waiting client sees the end once writes work again");
        Assert.That(runs["A"], Is.EqualTo(1), "A's result was durable before the disk filled");
        Assert.That(runs["B"], Is.EqualTo(2), "B's result was not: it ran again after the store recovered");
        Assert.That(full.Rejected, Is.GreaterThan(0));
    }
}
