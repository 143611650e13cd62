using Workflows.Generator.Tests.Scenarios;

namespace Workflows.Generator.Tests.EndToEnd;

/// <summary>Workflows of this assembly, compiled by the generator, run by a real engine with no registration code.</summary>
public sealed class GeneratedWorkflowTests
{
    private WorkflowEngine _engine = null!;

    [SetUp]
    public void Open() => _engine = WorkflowEngine.Create(new WorkflowEngineOptions().UseInMemory());

    [TearDown]
    public async Task Close() => await _engine.DisposeAsync();

    [Test]
    public async Task Every_kind_of_call_site_runs_as_a_journaled_step_with_its_operation_id()
    {
        var result = await _engine.Client.RunFulfilAsync(new ScenarioOrder("BOOK", 2), instanceId: "fulfil-1").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(result, Is.EqualTo("hold-BOOK|5.0|BOOK|BOOK#1,BOOK#2|6.00|noted-BOOK|INV-7-BOOK"));
        var journal = (await _engine.Store.LoadJournalAsync("fulfil-1", 1)).Select(e => e.OperationId);
        string[] expected =
        [
            "/Reserve#1", "/Price#1", "/Echo#1", "/Print#1", "/Print#2", "/Apply#1", "/Note#1", "/Notify#1", "/Invoice#1",
        ];
        Assert.That(journal, Is.EquivalentTo(expected), "every call was intercepted: instance, static, generic, lambda, local function, helper, other class, child");
        Assert.That(StepLog.Runs("fulfil-1"), Is.EquivalentTo(expected.SkipLast(1)), "each step ran once, inside the runtime");
        const string child = "fulfil-1::sub::1:/Invoice#1";
        Assert.That((await _engine.Client.GetStatusAsync(child)).Status, Is.EqualTo(WorkflowStatus.Completed), "the [Workflow] call ran as a child instance");
        Assert.That(StepLog.Runs(child), Is.EqualTo(new[] { "/Number#1" }));
    }

    [Test]
    public async Task Outside_a_workflow_the_methods_run_as_written()
    {
        var result = await new FulfilmentWorkflows().Fulfil(new ScenarioOrder("PEN", 1));

        Assert.That(result, Is.EqualTo("hold-PEN|2.5|PEN|PEN#1|3.00|noted-PEN|INV-7-PEN"));
        Assert.That(Workflow.IsInWorkflow, Is.False);
    }

    [Test]
    public async Task Typed_client_methods_take_several_parameters_and_workflows_without_a_result()
    {
        Assert.That(await _engine.Client.RunAddAsync(2, 3).WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(5));

        await _engine.Client.RunTouchAsync("touched-key", instanceId: "touch-1").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(StepLog.Runs("touch-1"), Is.EqualTo(new[] { "/Record#1" }));
        Assert.That((await _engine.Client.GetStatusAsync("touch-1")).WorkflowName, Is.EqualTo("touch"), "[Workflow(Name)] is the durable name");
    }

    [Test]
    public async Task A_typed_child_start_returns_once_the_child_exists_and_the_child_runs_on_by_itself()
    {
        var childId = await _engine.Client.RunDispatchAsync("dispatched", instanceId: "dispatch-1").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(childId, Is.EqualTo("dispatch-1::sub::1:/touch#1"), "derived from the parent and the start's operation ID, under the durable name");
        await _engine.Client.GetHandle<object?>(childId).GetResultAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(StepLog.Runs(childId), Is.EqualTo(new[] { "/Record#1" }), "the child ran its own step");
        var start = (await _engine.Store.LoadJournalAsync("dispatch-1", 1)).Single();
        Assert.That((start.OperationId, start.Kind, start.Status), Is.EqualTo(("/touch#1", Storage.JournalEntryKind.Child, Storage.JournalEntryStatus.Completed)));
    }

    [Test]
    public async Task An_intercepted_call_after_ConfigureAwait_false_fails_instead_of_running_without_a_checkpoint()
    {
        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => _engine.Client.RunEscapeAsync(2, instanceId: "escape-1").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(error!.Message, Does.Contain("'Sum'").And.Contain("ConfigureAwait(false)"));
        Assert.That(StepLog.Runs("escape-1"), Is.Empty);
    }

    [Test]
    public async Task A_step_cancellation_token_parameter_receives_the_instance_cancellation()
    {
        var handle = await _engine.Client.StartWaitForeverAsync(instanceId: "wait-1");
        while (StepLog.Runs("wait-1").Count == 0) await Task.Delay(10);

        await handle.CancelAsync("no longer needed");

        await Assert.ThrowsAsync<WorkflowCanceledException>(() => handle.GetResultAsync().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task Workflow_classes_get_constructor_arguments_from_the_engine_services()
    {
        await using var engine = WorkflowEngine.Create(new WorkflowEngineOptions { Services = new Services(new PoliteGreeter()) }.UseInMemory());

        Assert.That(await engine.Client.RunGreetAsync("Ada").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("Good day, Ada"));
    }

    [Test]
    public async Task A_missing_constructor_service_fails_the_instance_with_the_class_and_service_named()
    {
        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => _engine.Client.RunGreetAsync("Ada").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(error!.Message, Does.Contain("GreetingWorkflows").And.Contain("IGreeter").And.Contain("WorkflowEngineOptions.Services"));
    }

    [Test]
    public void The_generated_registry_lists_every_workflow_with_its_manifest()
    {
        var fulfil = GeneratedWorkflows.All.Single(d => d.Name == "Fulfil");

        Assert.That(GeneratedWorkflows.All.Select(d => d.Name), Is.EquivalentTo(new[] { "Fulfil", "Invoice", "Add", "touch", "Dispatch", "WaitForever", "Greet", "Escape", "Pack", "Review", "Shop", "SleepUntilComplete", "Subscribe" }));
        Assert.That(fulfil.InputType, Is.EqualTo(typeof(ScenarioOrder)));
        Assert.That(fulfil.OutputType, Is.EqualTo(typeof(string)));
        Assert.That(fulfil.Manifest!.CallSites.Select(c => c.ToString()), Is.EqualTo(new[]
        {
            "Step Reserve#1", "Step Price#1", "Step Echo#1", "Step Print#1", "Step Apply#1", "Step Note#1", "Step Notify#1", "Workflow Invoice#1",
        }));
    }

    [Test]
    public async Task A_started_instance_stores_the_manifest_of_its_workflow()
    {
        await _engine.Client.RunAddAsync(1, 1, instanceId: "add-1").WaitAsync(TimeSpan.FromSeconds(30));

        var stored = await _engine.Store.GetInstanceAsync("add-1");
        Assert.That(stored!.Manifest, Is.EqualTo("Step Sum#1"));
    }

    [Test]
    public async Task Both_an_instance_id_and_options_with_another_id_are_rejected()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _engine.Client.StartAddAsync(1, 2, instanceId: "a", options: new StartWorkflowOptions { InstanceId = "b" }));

        Assert.That(error!.Message, Does.Contain("'a'").And.Contain("'b'"));
    }

    private sealed class PoliteGreeter : IGreeter
    {
        public string Greet(string name) => $"Good day, {name}";
    }

    private sealed class Services(IGreeter greeter) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IGreeter) ? greeter : null;
    }

    [Test]
    public async Task Generated_query_methods_read_the_live_state_and_the_custom_status_is_stored()
    {
        await _engine.Client.StartPackAsync(3, instanceId: "pack-1");
        await _engine.Client.RaiseEventAsync("pack-1", "item", "cup");
        await _engine.Client.RaiseEventAsync("pack-1", "item", "cup");

        PackingProgress progress;
        do progress = await _engine.Client.QueryProgressAsync("pack-1").WaitAsync(TimeSpan.FromSeconds(30));
        while (progress.Packed < 2);

        Assert.That(progress, Is.EqualTo(new PackingProgress(2, 3, "wrapped-cup")));
        Assert.That(await _engine.Client.QueryHoldsAsync("pack-1", "cup", 2), Is.True, "[Query(Name)] is the query's durable name; arguments are passed");
        Assert.That(await _engine.Client.QueryHoldsAsync("pack-1", "cup", 3), Is.False);
        var status = await _engine.Client.GetStatusAsync("pack-1");
        Assert.That(status.CustomStatusJson, Does.Contain("\"packed\":2").IgnoreCase.Or.Contain("\"Packed\":2"));
    }

    [Test]
    public async Task A_query_that_makes_a_durable_call_fails_and_the_instance_is_untouched()
    {
        await _engine.Client.StartPackAsync(1, instanceId: "pack-2");

        var error = await Assert.ThrowsAsync<WorkflowException>(() => _engine.Client.QuerySneakAsync("pack-2").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(error!.Message, Does.Contain("query of workflow instance 'pack-2'").And.Contain("cannot make durable calls"));
        await _engine.Client.RaiseEventAsync("pack-2", "item", "pen");
        Assert.That(await _engine.Client.GetResultAsync<int>("pack-2").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(1));
        Assert.That((await _engine.Store.LoadJournalAsync("pack-2", 1)).Select(e => e.OperationId), Is.EqualTo(new[] { "/$event#1", "/Wrap#1" }));
    }

    [Test]
    public async Task Generated_signal_methods_reach_their_handlers_and_wake_a_condition_wait()
    {
        await _engine.Client.StartReviewAsync(2, instanceId: "review-1");
        await _engine.Client.SignalApproveAsync("review-1", "ann");
        await _engine.Client.SignalApproveAsync("review-1", "bob");
        Assert.That(await _engine.Client.GetResultAsync<string>("review-1").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("ann,bob"));

        await _engine.Client.StartReviewAsync(5, instanceId: "review-2");
        await _engine.Client.SignalRejectAsync("review-2");
        Assert.That(await _engine.Client.GetResultAsync<string>("review-2").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("rejected"), "[Signal(Name)] is the signal's durable name");
    }

    [Test]
    public async Task Generated_update_methods_run_steps_in_the_update_scope_and_validators_reject_first()
    {
        var shop = await _engine.Client.StartShopAsync("ada", instanceId: "cart-1");

        Assert.That(await _engine.Client.UpdateAddItemAsync("cart-1", "book").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(1));
        Assert.That(await _engine.Client.UpdateAddItemAsync("cart-1", "pen").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(2));
        var rejected = await Assert.ThrowsAsync<WorkflowUpdateRejectedException>(() => _engine.Client.UpdateAddItemAsync("cart-1", " "));
        Assert.That(rejected!.Message, Does.Contain("a SKU is required"));
        await _engine.Client.UpdateCheckOutAsync("cart-1").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(await shop.GetResultAsync().WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("ada:held-book,held-pen"));
        Assert.That(StepLog.Runs("cart-1"), Has.Count.EqualTo(2).And.All.StartsWith("!update/").And.All.EndsWith("/run/Reserve#1"),
            "the step calls in [Update] methods are intercepted and journaled in the update's scope");
    }

    [Test]
    public async Task A_literal_WhenAny_loop_over_a_timer_and_an_event_wait_completes_with_the_event()
    {
        await _engine.Client.StartSleepUntilCompleteAsync(1000, instanceId: "sleep-1");
        for (var i = 0; i < 500 && (await _engine.Store.LoadJournalAsync("sleep-1", 1)).Count(e => e.Kind == Storage.JournalEntryKind.Timer) < 3; i++) await Task.Delay(10);

        await _engine.Client.RaiseEventAsync("sleep-1", "complete", "done");

        var result = await _engine.Client.GetResultAsync<string>("sleep-1").WaitAsync(TimeSpan.FromSeconds(30));
        var taken = (await _engine.Store.LoadJournalAsync("sleep-1", 1)).Single(e => e.Kind == Storage.JournalEntryKind.Event);
        Assert.That(result, Is.EqualTo($"round {taken.OperationId[(taken.OperationId.LastIndexOf('#') + 1)..]}: done"),
            "Task.WhenAny was intercepted: the latest round's wait took the event, not one an earlier round abandoned");
    }

    [Test]
    public async Task Generated_update_with_start_methods_create_the_instance_or_attach_to_it_and_return_the_result()
    {
        var attach = new StartWorkflowOptions { IdReusePolicy = WorkflowIdReusePolicy.UseExisting };

        Assert.That(await _engine.Client.UpdateAddItemWithStartShopAsync("cart-ws", "bo", "book", attach).WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(1));
        Assert.That(await _engine.Client.UpdateAddItemWithStartShopAsync("cart-ws", "bo", "pen", attach).WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(2), "the second call attached to the running instance");
        await _engine.Client.UpdateCheckOutWithStartShopAsync("cart-ws", "bo", attach).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(await _engine.Client.GetResultAsync<string>("cart-ws").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("bo:held-book,held-pen"));
    }
}
