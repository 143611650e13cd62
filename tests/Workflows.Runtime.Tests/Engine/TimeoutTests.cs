using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class TimeoutTests(StoreKind kind) : EngineTestBase(kind)
{
    private static void Register(WorkflowRegistry r)
    {
        r.Add<int, string>("Waits", async _ => await Workflow.WaitForEventAsync<string>("never"));
        r.Add<int, string>("Loops", async round =>
        {
            await Workflow.DelayAsync(TimeSpan.FromMilliseconds(50));
            throw Workflow.ContinueAsNew(round + 1);
        });
        r.Add(WorkflowDefinition.Create<int, string>("Brief", async _ => await Workflow.WaitForEventAsync<string>("never"), runTimeout: TimeSpan.FromMilliseconds(300)));
        r.Add<int, string>("CallsBrief", async _ =>
        {
            try
            {
                return await Workflow.RunChildWorkflowAsync<int, string>("Brief", 0);
            }
            catch (ChildWorkflowException ex)
            {
                return "child failed: " + ex.Message;
            }
        });
        r.Add<int, string>("Propagates", async _ => await Workflow.RunChildWorkflowAsync<int, string>("Waits", 0, instanceId: "t-child-propagated"));
    }

    [Test]
    public async Task An_instance_past_its_run_timeout_ends_TimedOut_with_which_timeout_passed()
    {
        Harness.Open(Register);
        var handle = await Harness.Client.StartAsync<int, string>("Waits", 0, new() { InstanceId = "t-1", RunTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<WorkflowTimedOutException>(() => handle.GetResultAsync().Within());
        Assert.That(error!.Message, Does.Contain("'t-1' timed out").And.Contain("run timeout of execution 1"));
        Assert.That((await Harness.Client.GetStatusAsync("t-1")).Status, Is.EqualTo(WorkflowStatus.TimedOut));
    }

    [Test]
    public async Task The_execution_timeout_spans_continue_as_new_while_the_run_timeout_restarts()
    {
        Harness.Open(Register);
        var handle = await Harness.Client.StartAsync<int, string>("Loops", 0,
            new() { InstanceId = "t-2", ExecutionTimeout = TimeSpan.FromMilliseconds(600), RunTimeout = TimeSpan.FromMilliseconds(400) });

        var error = await Assert.ThrowsAsync<WorkflowTimedOutException>(() => handle.GetResultAsync().Within());
        Assert.That(error!.Message, Does.Contain("execution timeout passed"));
        Assert.That((await Harness.Client.GetStatusAsync("t-2")).Execution, Is.GreaterThan(2), "each short execution stayed within its run timeout");
    }

    [Test]
    public async Task A_timed_out_parent_terminates_the_children_it_waits_for()
    {
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Propagates", 0, new() { InstanceId = "t-3", RunTimeout = TimeSpan.FromMilliseconds(300) });
        await Eventually.TrueAsync(async () => (await Harness.Client.ListInstancesAsync()).Any(i => i.InstanceId == "t-child-propagated"));

        Assert.That((await Harness.Client.WaitForCompletionAsync("t-3").Within()).Status, Is.EqualTo(WorkflowStatus.TimedOut));
        var child = await Harness.Client.WaitForCompletionAsync("t-child-propagated").Within();
        Assert.That(child.Status, Is.EqualTo(WorkflowStatus.Terminated));
        Assert.That(child.StatusReason, Does.Contain("its parent 't-3' timed out"));
    }

    [Test]
    public async Task A_deadline_that_passed_while_no_engine_ran_ends_the_instance_when_it_resumes()
    {
        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Waits", 0, new() { InstanceId = "t-4", ExecutionTimeout = TimeSpan.FromMilliseconds(400) });
        await Harness.Engine!.DisposeAsync();
        await Task.Delay(600);

        Harness.Open(Register);

        Assert.That((await Harness.Client.WaitForCompletionAsync("t-4").Within()).Status, Is.EqualTo(WorkflowStatus.TimedOut));
    }

    [Test]
    public async Task A_waiting_instance_out_of_memory_is_woken_to_time_out()
    {
        var engine = Harness.Open(Register, o => o.EvictSuspendedAfter = TimeSpan.FromMilliseconds(50));
        await engine.Client.StartAsync<int, string>("Waits", 0, new() { InstanceId = "t-5", RunTimeout = TimeSpan.FromMilliseconds(700) });
        await Eventually.TrueAsync(() => !engine.TryGetRunner("t-5", out _));

        Assert.That((await engine.Client.WaitForCompletionAsync("t-5").Within()).Status, Is.EqualTo(WorkflowStatus.TimedOut));
    }

    [Test]
    public async Task A_workflow_s_own_timeout_applies_to_its_instances_and_children_and_a_timed_out_child_fails_the_parent_s_call()
    {
        Harness.Open(Register);

        var result = await Harness.Client.RunAsync<int, string>("CallsBrief", 0, new() { InstanceId = "t-7" }).Within();

        Assert.That(result, Does.StartWith("child failed:").And.Contain("timed out"));
        Assert.That((await Harness.Client.GetStatusAsync("t-7::sub::1:/Brief#1")).Status, Is.EqualTo(WorkflowStatus.TimedOut));
    }

    [Test]
    public void A_timeout_that_is_not_positive_is_refused_before_anything_is_stored()
    {
        Harness.Open(Register);

        Assert.That(async () => await Harness.Client.StartAsync<int, string>("Waits", 0, new() { InstanceId = "t-6", RunTimeout = TimeSpan.Zero }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("RunTimeout of workflow instance 't-6' must be positive"));
        Assert.That(async () => await Harness.Client.GetStatusAsync("t-6"), Throws.TypeOf<WorkflowInstanceNotFoundException>());
    }
}
