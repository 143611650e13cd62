using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class ControlTests(StoreKind kind) : EngineTestBase(kind)
{

    [Test]
    public async Task Cancellation_reaches_the_running_step_and_ends_the_instance_Canceled()
    {
        var gate = new Gate();
        var after = 0;
        Harness.Open(r => r.Add<int, int>("Long", async _ =>
        {
            await Workflow.RunStepAsync("Wait", null, async token => { await gate.WaitAsync(token); return 0; });
            after++;
            return 1;
        }));

        var handle = await Harness.Client.StartAsync<int, int>("Long", 0, new() { InstanceId = "long" });
        await gate.Entered.Within();
        await handle.CancelAsync("customer changed their mind");

        var error = await Assert.ThrowsAsync<WorkflowCanceledException>(() => handle.GetResultAsync().Within());
        Assert.That(error!.Reason, Is.EqualTo("customer changed their mind"));
        Assert.That(after, Is.Zero);
        var status = await handle.GetStatusAsync();
        Assert.That(status.Status, Is.EqualTo(WorkflowStatus.Canceled));
        Assert.That(await Harness.Store.LoadInboxAsync("long"), Is.Empty, "the request was consumed");
    }

    [Test]
    public async Task Cancellation_reaches_the_body_of_a_running_step_that_has_a_timeout()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bodySawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new StepOptions { Timeout = TimeSpan.FromMinutes(5) };
        Harness.Open(r => r.Add<int, int>("Bounded", async _ => await Workflow.RunStepAsync("Wait", options, async token =>
        {
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                bodySawCancellation.TrySetResult();
                throw;
            }
            return 0;
        })));

        var handle = await Harness.Client.StartAsync<int, int>("Bounded", 0, new() { InstanceId = "bounded" });
        await entered.Task.Within();
        await handle.CancelAsync("no longer needed");

        await bodySawCancellation.Task.Within();
        await Assert.ThrowsAsync<WorkflowCanceledException>(() => handle.GetResultAsync().Within());
    }

    [Test]
    public async Task A_workflow_may_handle_cancellation_and_the_handling_replays_at_the_same_point()
    {
        var gate = new Gate();
        var cleanup = new Gate();
        var cleanups = new Counters();
        void Register(WorkflowRegistry r) => r.Add<int, string>("Graceful", async _ =>
        {
            try
            {
                await Workflow.RunStepAsync("Wait", null, async token => { await gate.WaitAsync(token); return 0; });
                return "finished";
            }
            catch (OperationCanceledException)
            {
                // Cleanup must not be cancelled itself, so it ignores the token.
                await Workflow.RunStepAsync("Cleanup", null, async _ => { cleanups.Hit("Cleanup"); await cleanup.WaitAsync(CancellationToken.None); });
                return $"cleaned up after: {Workflow.CancellationToken.IsCancellationRequested}";
            }
        });

        Harness.Open(Register);
        var handle = await Harness.Client.StartAsync<int, string>("Graceful", 0, new() { InstanceId = "graceful" });
        await gate.Entered.Within();
        await handle.CancelAsync();
        await cleanup.Entered.Within();
        await Harness.RestartAsync(Register);
        cleanup.Open();

        Assert.That(await Harness.Client.GetHandle<string>("graceful").GetResultAsync().Within(), Is.EqualTo("cleaned up after: True"));
    }

    [Test]
    public async Task A_cancellation_requested_while_the_engine_is_down_is_delivered_on_resume()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r) => r.Add<int, int>("Parked", async _ =>
        {
            await Workflow.RunStepAsync("Wait", null, async token => { await gate.WaitAsync(token); return 0; });
            return 1;
        });
        void Nothing(WorkflowRegistry r) { }

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, int>("Parked", 0, new() { InstanceId = "parked" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Nothing);
        await Harness.Client.CancelAsync("parked", "while down");
        // On a shared store an engine without the workflow simply does not claim the instance: it waits for one that has it.
        if (Kind != StoreKind.PostgreSql)
            Assert.That((await Harness.Client.GetStatusAsync("parked")).StalledReason, Does.Contain("No workflow named 'Parked' is registered"));

        await Harness.RestartAsync(Register);
        var error = await Assert.ThrowsAsync<WorkflowCanceledException>(() => Harness.Client.GetHandle<int>("parked").GetResultAsync().Within());
        Assert.That(error!.Reason, Is.EqualTo("while down"));
    }

    [Test]
    public async Task Termination_stops_the_instance_and_a_late_step_result_changes_nothing()
    {
        var gate = new Gate();
        var finished = new TaskCompletionSource();
        Harness.Open(r => r.Add<int, int>("Stuck", async _ =>
        {
            await Workflow.RunStepAsync("Ignore", null, async _ =>
            {
                await gate.WaitAsync(CancellationToken.None);
                finished.SetResult();
                return 0;
            });
            return 1;
        }));

        var handle = await Harness.Client.StartAsync<int, int>("Stuck", 0, new() { InstanceId = "stuck" });
        await gate.Entered.Within();
        await handle.TerminateAsync("operator");
        gate.Open();
        await finished.Task.Within();

        var error = await Assert.ThrowsAsync<WorkflowTerminatedException>(() => handle.GetResultAsync().Within());
        Assert.That(error!.Reason, Is.EqualTo("operator"));
        Assert.That((await handle.GetStatusAsync()).Status, Is.EqualTo(WorkflowStatus.Terminated));
        var again = await Assert.ThrowsAsync<WorkflowException>(() => handle.TerminateAsync());
        Assert.That(again!.Message, Does.Contain("already ended Terminated"));
        await Assert.ThrowsAsync<WorkflowException>(() => handle.CancelAsync());
    }

    [Test]
    public async Task Listing_and_status_queries_report_every_instance()
    {
        Harness.Open(r => r.Add<int, int>("Echo", x => Task.FromResult(x)));
        await Harness.Client.RunAsync<int, int>("Echo", 1, new() { InstanceId = "e1" }).Within();
        await Harness.Client.RunAsync<int, int>("Echo", 2, new() { InstanceId = "e2" }).Within();

        var all = await Harness.Client.ListInstancesAsync();
        Assert.That(all.Select(i => i.InstanceId), Is.EquivalentTo(new[] { "e1", "e2" }));
        Assert.That(all.All(i => i.Status == WorkflowStatus.Completed && i.CompletedAt is not null));
        Assert.That(await Harness.Client.ListInstancesAsync(WorkflowStatus.Running), Is.Empty);
        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => Harness.Client.GetStatusAsync("nope"));
    }
}
