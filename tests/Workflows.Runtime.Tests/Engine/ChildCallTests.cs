using Workflows.Runtime.Tests.Support;
using Workflows.Storage;

namespace Workflows.Runtime.Tests.Engine;

[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class ChildCallTests(StoreKind kind) : EngineTestBase(kind)
{
    [Test]
    public async Task A_child_runs_as_its_own_instance_with_a_derived_id_and_a_restarted_parent_attaches_to_it()
    {
        var counters = new Counters();
        var gate = new Gate();
        void Register(WorkflowRegistry r)
        {
            r.Add<int, int>("Invoice", async amount =>
            {
                var charged = await Workflow.RunStepAsync("Charge", null, async token => { counters.Hit("Charge"); await gate.WaitAsync(token); return amount * 2; });
                return charged;
            });
            r.Add<int, int>("Order", async amount => await Workflow.RunChildWorkflowAsync<int, int>("Invoice", amount) + 1);
        }

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, int>("Order", 20, new() { InstanceId = "p-1" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        Assert.That(await Harness.Client.GetHandle<int>("p-1").GetResultAsync().Within(), Is.EqualTo(41));
        var child = await Harness.Client.GetStatusAsync("p-1::sub::1:/Invoice#1");
        Assert.That(child.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That((await Harness.Store.ListInstancesAsync()).Count(i => i.WorkflowName == "Invoice"), Is.EqualTo(1), "the restarted parent attached to its child instead of starting another");
        var call = (await Harness.JournalAsync("p-1")).Single();
        Assert.That((call.OperationId, call.Kind, call.Result), Is.EqualTo(("/Invoice#1", JournalEntryKind.Child, "40")));
        Assert.That(await Harness.Store.LoadInboxAsync("p-1"), Is.Empty, "the completion was consumed with the journal write");
    }

    [Test]
    public async Task A_parent_that_continues_as_new_gets_a_distinct_child_per_execution()
    {
        Harness.Open(r =>
        {
            r.Add<int, int>("Square", x => Task.FromResult(x * x));
            r.Add<int, string>("Loop", async round =>
            {
                var square = await Workflow.RunChildWorkflowAsync<int, int>("Square", round);
                if (round < 3) throw Workflow.ContinueAsNew(round + 1);
                return $"last {square}";
            });
        });

        Assert.That(await Harness.Client.RunAsync<int, string>("Loop", 1, new() { InstanceId = "loop" }).Within(), Is.EqualTo("last 9"));
        var children = (await Harness.Store.ListInstancesAsync()).Where(i => i.WorkflowName == "Square").Select(i => i.InstanceId);
        Assert.That(children, Is.EquivalentTo(new[] { "loop::sub::1:/Square#1", "loop::sub::2:/Square#1", "loop::sub::3:/Square#1" }));
    }

    [Test]
    public async Task A_completion_for_an_earlier_execution_is_discarded_not_delivered()
    {
        var gate = new Gate();
        Harness.Open(r =>
        {
            r.Add<int, int>("Slow", async x => await Workflow.RunStepAsync("Wait", null, async token => { await gate.WaitAsync(token); return x; }));
            r.Add<int, string>("Impatient", async round =>
            {
                if (round == 1)
                {
                    _ = Workflow.RunChildWorkflowAsync<int, int>("Slow", 7); // left behind on purpose
                    await Workflow.RunStepAsync("Started", null, _ => Task.FromResult(0));
                    throw Workflow.ContinueAsNew(2);
                }
                return await Workflow.WaitForEventAsync<string>("go");
            });
        });
        var handle = await Harness.Client.StartAsync<int, string>("Impatient", 1, new() { InstanceId = "late" });
        await gate.Entered.Within();

        gate.Open();
        for (var i = 0; i < 500 && (await Harness.Client.GetStatusAsync("late::sub::1:/Slow#1")).Status == WorkflowStatus.Running; i++) await Task.Delay(10);
        for (var i = 0; i < 500 && (await Harness.Store.LoadInboxAsync("late")).Count > 0; i++) await Task.Delay(10);
        await Harness.Client.RaiseEventAsync("late", "go", "execution 2 unaffected");

        Assert.That(await handle.GetResultAsync().Within(), Is.EqualTo("execution 2 unaffected"));
        Assert.That((await Harness.Store.LoadJournalAsync("late", 2)).Where(e => e.Kind == JournalEntryKind.Child), Is.Empty, "the late completion never reached execution 2");
    }

    [Test]
    public async Task A_derived_child_id_held_by_an_unrelated_instance_fails_the_call_fast()
    {
        Harness.Open(r =>
        {
            r.Add<int, int>("Leaf", x => Task.FromResult(x));
            r.Add<int, int>("Squatter", async _ => await Workflow.RunChildWorkflowAsync<int, int>("Leaf", 1, instanceId: "victim::sub::1:/Leaf#1"));
            r.Add<int, string>("Victim", async _ =>
            {
                try
                {
                    return (await Workflow.RunChildWorkflowAsync<int, int>("Leaf", 2)).ToString();
                }
                catch (ChildWorkflowException ex)
                {
                    return ex.Message;
                }
            });
        });

        Assert.That(await Harness.Client.RunAsync<int, int>("Squatter", 0, new() { InstanceId = "squatter" }).Within(), Is.EqualTo(1),
            "the explicit child-ID API accepts the reserved marker");
        var message = await Harness.Client.RunAsync<int, string>("Victim", 0, new() { InstanceId = "victim" }).Within();

        Assert.That(message, Does.Contain("victim::sub::1:/Leaf#1").And.Contain("is not the child of this call"));
    }

    [Test]
    public async Task Cancelling_a_parent_cancels_its_running_children_and_terminating_terminates_them()
    {
        Harness.Open(r =>
        {
            r.Add<int, int>("Waiter", async _ => await Workflow.WaitForEventAsync<int>("never"));
            r.Add<int, int>("Parent", async _ => await Workflow.RunChildWorkflowAsync<int, int>("Waiter", 0));
        });
        var cancelled = await Harness.Client.StartAsync<int, int>("Parent", 0, new() { InstanceId = "pc" });
        var terminated = await Harness.Client.StartAsync<int, int>("Parent", 0, new() { InstanceId = "pt" });
        await WaitForChildAsync("pc::sub::1:/Waiter#1");
        await WaitForChildAsync("pt::sub::1:/Waiter#1");

        await cancelled.CancelAsync("changed my mind");
        await terminated.TerminateAsync("stop everything");

        Assert.That((await Harness.Client.WaitForCompletionAsync("pc::sub::1:/Waiter#1").Within()).Status, Is.EqualTo(WorkflowStatus.Canceled));
        Assert.That((await Harness.Client.WaitForCompletionAsync("pt::sub::1:/Waiter#1").Within()).Status, Is.EqualTo(WorkflowStatus.Terminated));
        await Assert.ThrowsAsync<WorkflowCanceledException>(() => cancelled.GetResultAsync().Within());
    }

    [Test]
    public async Task An_abandoned_child_runs_on_when_its_parent_is_cancelled()
    {
        Harness.Open(r =>
        {
            r.Add<int, string>("Survivor", async _ => await Workflow.WaitForEventAsync<string>("go"));
            r.Add<int, string>("Leaving", async _ => await Workflow.RunChildWorkflowAsync<int, string>("Survivor", 0, parentClosePolicy: ParentClosePolicy.Abandon));
        });
        var parent = await Harness.Client.StartAsync<int, string>("Leaving", 0, new() { InstanceId = "pa" });
        await WaitForChildAsync("pa::sub::1:/Survivor#1");

        await parent.CancelAsync("bye");
        await Assert.ThrowsAsync<WorkflowCanceledException>(() => parent.GetResultAsync().Within());
        await Harness.Client.RaiseEventAsync("pa::sub::1:/Survivor#1", "go", "still here");

        Assert.That(await Harness.Client.GetHandle<string>("pa::sub::1:/Survivor#1").GetResultAsync().Within(), Is.EqualTo("still here"));
    }

    [Test]
    public async Task A_started_child_runs_on_by_itself_and_a_restarted_parent_neither_starts_it_twice_nor_hears_back()
    {
        var gate = new Gate();
        void Register(WorkflowRegistry r)
        {
            r.Add<string, string>("Worker", async suffix => await Workflow.WaitForEventAsync<string>("go") + suffix);
            r.Add<int, string>("Launcher", async _ =>
            {
                var child = await Workflow.StartChildWorkflowAsync("Worker", "-w");
                await Workflow.RunStepAsync("After", null, async token => { await gate.WaitAsync(token); return 0; });
                return child.InstanceId;
            });
        }

        Harness.Open(Register);
        await Harness.Client.StartAsync<int, string>("Launcher", 0, new() { InstanceId = "launch" });
        await gate.Entered.Within();
        await Harness.RestartAsync(Register);
        gate.Open();

        const string childId = "launch::sub::1:/Worker#1";
        Assert.That(await Harness.Client.GetHandle<string>("launch").GetResultAsync().Within(), Is.EqualTo(childId));
        Assert.That((await Harness.Client.GetStatusAsync(childId)).Status, Is.EqualTo(WorkflowStatus.Running), "the parent ended; the child runs on");
        Assert.That((await Harness.Store.ListInstancesAsync()).Count(i => i.WorkflowName == "Worker"), Is.EqualTo(1), "the restart replayed the start");
        var start = (await Harness.JournalAsync("launch")).First(e => !e.OperationId.StartsWith('!'));
        Assert.That((start.OperationId, start.Kind, start.Status), Is.EqualTo(("/Worker#1", JournalEntryKind.Child, JournalEntryStatus.Completed)));

        await Harness.Client.RaiseEventAsync(childId, "go", "done");
        Assert.That(await Harness.Client.GetHandle<string>(childId).GetResultAsync().Within(), Is.EqualTo("done-w"));
        Assert.That(await Harness.Store.LoadInboxAsync("launch"), Is.Empty, "a started child sends no completion back");
    }

    [Test]
    public async Task Cancelling_or_terminating_a_parent_does_not_reach_a_child_it_started()
    {
        Harness.Open(r =>
        {
            r.Add<string, string>("Worker", async suffix => await Workflow.WaitForEventAsync<string>("go") + suffix);
            r.Add<string, string>("Starter", async childId =>
            {
                await Workflow.StartChildWorkflowAsync("Worker", "!", instanceId: childId);
                return await Workflow.WaitForEventAsync<string>("never");
            });
        });
        var cancelled = await Harness.Client.StartAsync<string, string>("Starter", "kept-1", new() { InstanceId = "starter-1" });
        var terminated = await Harness.Client.StartAsync<string, string>("Starter", "kept-2", new() { InstanceId = "starter-2" });
        await WaitForChildAsync("kept-1");
        await WaitForChildAsync("kept-2");

        await cancelled.CancelAsync("bye");
        await terminated.TerminateAsync("gone");
        await Assert.ThrowsAsync<WorkflowCanceledException>(() => cancelled.GetResultAsync().Within());
        await Assert.ThrowsAsync<WorkflowTerminatedException>(() => terminated.GetResultAsync().Within());
        await Harness.Client.RaiseEventAsync("kept-1", "go", "one");
        await Harness.Client.RaiseEventAsync("kept-2", "go", "two");

        Assert.That(await Harness.Client.GetHandle<string>("kept-1").GetResultAsync().Within(), Is.EqualTo("one!"));
        Assert.That(await Harness.Client.GetHandle<string>("kept-2").GetResultAsync().Within(), Is.EqualTo("two!"));
    }

    [Test]
    public async Task Starting_a_child_whose_id_is_held_by_another_instance_fails_the_start()
    {
        Harness.Open(r =>
        {
            r.Add<int, int>("Leaf", x => Task.FromResult(x));
            r.Add<int, string>("Clash", async _ =>
            {
                try
                {
                    return (await Workflow.StartChildWorkflowAsync("Leaf", 1, instanceId: "taken")).InstanceId;
                }
                catch (ChildWorkflowException ex)
                {
                    return ex.Message;
                }
            });
        });
        await Harness.Client.RunAsync<int, int>("Leaf", 0, new() { InstanceId = "taken" }).Within();

        var message = await Harness.Client.RunAsync<int, string>("Clash", 0, new() { InstanceId = "clash" }).Within();

        Assert.That(message, Does.Contain("'taken' already exists").And.Contain("is not the child of this call"));
    }

    [Test]
    public async Task Client_start_apis_reject_reserved_ids_and_accept_lookalikes()
    {
        Harness.Open(r => r.Add<int, int>("Echo", Task.FromResult));

        await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.StartAsync<int, int>("Echo", 1, new() { InstanceId = "tenant::sub::99" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.StartAsync<int, int>("Echo", 1, new() { InstanceId = "sub::x" }));
        Assert.That(await Harness.Client.RunAsync<int, int>("Echo", 4, new() { InstanceId = "i4::child-1" }).Within(), Is.EqualTo(4));
    }

    [Test]
    public void Outside_a_workflow_a_child_call_says_where_it_belongs()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Workflow.RunChildWorkflowAsync<int, int>("Invoice", 1));
        Assert.That(error!.Message, Does.Contain("can only be started by workflow code"));
    }

    private async Task WaitForChildAsync(string childId)
    {
        for (var i = 0; i < 500; i++)
        {
            if ((await Harness.Store.GetInstanceAsync(childId)) is not null) return;
            await Task.Delay(10);
        }
        Assert.Fail($"Child {childId} never started.");
    }
}
