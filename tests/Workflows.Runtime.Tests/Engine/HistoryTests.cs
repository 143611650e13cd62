using Workflows.Runtime.Tests.Support;

namespace Workflows.Runtime.Tests.Engine;

/// <summary>The history API: an instance's operation tree with every kind of operation, and paged, filtered listing.</summary>
[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
[TestFixture(StoreKind.PostgreSql)]
public sealed class HistoryTests(StoreKind kind) : EngineTestBase(kind)
{
    private static readonly StepOptions QuickRetries = new() { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(5) };

    private static void Register(WorkflowRegistry r)
    {
        r.Add<string, string>("Invoice", async customer => await Workflow.RunStepAsync("Bill", null, _ => Task.FromResult($"invoice-{customer}")));
        r.Add<string, string>("Order", async customer =>
        {
            var shipped = await Workflow.MapAsync(new[] { "a", "b", "c" }, sku => Workflow.RunStepAsync("Ship", null, _ => Task.FromResult(sku.ToUpperInvariant())));
            var charged = await Workflow.RunStepAsync("Charge", QuickRetries, _ =>
                Workflow.Step.Attempt < 2 ? throw new TimeoutException("card network busy") : Task.FromResult(42));
            await Workflow.DelayAsync(TimeSpan.FromMilliseconds(10));
            var approved = await Workflow.WaitForEventAsync<bool>("approved", TimeSpan.FromDays(1));
            var invoice = await Workflow.RunChildWorkflowAsync<string, string>("Invoice", customer);
            return $"{string.Join("", shipped.Values)}-{charged}-{approved}-{invoice}";
        });
    }

    [Test]
    public async Task The_history_shows_a_fan_out_a_retried_step_a_timer_an_event_wait_and_a_child_with_their_outcomes()
    {
        Harness.Open(Register);
        await Harness.Client.StartAsync<string, string>("Order", "ada", new() { InstanceId = "order-1" });

        // While it waits for the event, the wait is pending, by its event's name, with its timeout.
        var waiting = await Eventually.ReturnsAsync(
            () => Harness.Client.GetHistoryAsync("order-1"),
            h => h.AllOperations().Any(o => o.Kind == WorkflowOperationKind.EventWait));
        var wait = waiting.AllOperations().Single(o => o.Kind == WorkflowOperationKind.EventWait);
        Assert.That((wait.Name, wait.Status), Is.EqualTo(("approved", WorkflowOperationStatus.Waiting)));
        Assert.That(wait.DueAt, Is.GreaterThan(DateTime.UtcNow.AddHours(23)));

        await Harness.Client.RaiseEventAsync("order-1", "approved", true);
        Assert.That(await Harness.Client.GetResultAsync<string>("order-1").Within(), Is.EqualTo("ABC-42-True-invoice-ada"));
        var history = await Harness.Client.GetHistoryAsync("order-1");

        Assert.That(history.Instance.Status, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(history.Execution, Is.EqualTo(1));
        var fanOut = history.Operations.Single(o => o.Kind == WorkflowOperationKind.FanOut);
        Assert.That(fanOut.ItemCount, Is.EqualTo(3));
        Assert.That(fanOut.Operations.Select(i => (i.Kind, i.Name, i.Status)), Is.EqualTo(new[]
        {
            (WorkflowOperationKind.FanOutItem, "[0]", WorkflowOperationStatus.Completed),
            (WorkflowOperationKind.FanOutItem, "[1]", WorkflowOperationStatus.Completed),
            (WorkflowOperationKind.FanOutItem, "[2]", WorkflowOperationStatus.Completed),
        }));
        Assert.That(fanOut.Operations.SelectMany(i => i.Operations).Select(s => s.ResultJson), Is.EquivalentTo(new[] { "\"A\"", "\"B\"", "\"C\"" }));

        var charge = history.Operations.Single(o => o.Name == "Charge");
        Assert.That((charge.Kind, charge.Status, charge.Attempts, charge.ResultJson), Is.EqualTo((WorkflowOperationKind.Step, WorkflowOperationStatus.Completed, 2, "42")));
        Assert.That(charge.Error, Is.Null);
        Assert.That(charge.StartedAt, Is.Not.Null.And.LessThanOrEqualTo(charge.RecordedAt));
        var failed = charge.FailedAttempts.Single();
        Assert.That((failed.Attempt, failed.Error.Message), Is.EqualTo((1, "card network busy")));
        Assert.That(failed.StartedAt, Is.Not.Null.And.LessThanOrEqualTo(failed.FailedAt));
        Assert.That(history.AllOperations().Any(o => o.Id.StartsWith('!')), Is.False, "attempt records are not operations");
        Assert.That(charge.LastFailedAttemptError?.Message, Is.EqualTo("card network busy"), "the failed attempt's error is kept after the retry succeeded");

        var timer = history.Operations.Single(o => o.Kind == WorkflowOperationKind.Timer);
        Assert.That(timer.Status, Is.EqualTo(WorkflowOperationStatus.Completed));
        Assert.That(timer.DueAt, Is.Not.Null);

        var delivered = history.Operations.Single(o => o.Kind == WorkflowOperationKind.EventWait);
        Assert.That((delivered.Name, delivered.Status, delivered.ResultJson), Is.EqualTo(("approved", WorkflowOperationStatus.Completed, "true")));

        var child = history.Operations.Single(o => o.Kind == WorkflowOperationKind.ChildWorkflow);
        Assert.That(child.ChildInstanceId, Is.EqualTo($"order-1::sub::1:{child.Id}"));
        Assert.That(child.ChildStatus, Is.EqualTo(WorkflowStatus.Completed));
        Assert.That(history.Children.Select(c => c.InstanceId), Is.EqualTo(new[] { child.ChildInstanceId }));

        var childInfo = await Harness.Client.GetStatusAsync(child.ChildInstanceId!);
        Assert.That((childInfo.ParentInstanceId, childInfo.ParentExecution, childInfo.ParentOperationId), Is.EqualTo(("order-1", 1, child.Id)));
        Assert.That(childInfo.InputJson, Is.EqualTo("\"ada\""));
    }

    [Test]
    public async Task A_step_that_used_up_its_attempts_shows_as_failed_with_its_error()
    {
        Harness.Open(r => r.Add<int, int>("Doomed", async _ =>
            await Workflow.RunStepAsync<int>("Charge", QuickRetries with { MaxAttempts = 2 }, _ => throw new InvalidOperationException("card declined"))));

        await Harness.Client.StartAsync<int, int>("Doomed", 0, new() { InstanceId = "doomed" });
        await Harness.Client.WaitForCompletionAsync("doomed").Within();

        var step = (await Harness.Client.GetHistoryAsync("doomed")).Operations.Single();
        Assert.That((step.Status, step.Attempts, step.Error?.Message), Is.EqualTo((WorkflowOperationStatus.Failed, 2, "card declined")));
        Assert.That(step.FailedAttempts.Select(a => (a.Attempt, a.Error.Message)), Is.EqualTo(new[] { (1, "card declined") }), "the last attempt's failure is the step's error");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Harness.Client.GetHistoryAsync("doomed", execution: 2));
        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => Harness.Client.GetHistoryAsync("nobody"));
    }

    [Test]
    public async Task Listing_pages_newest_first_through_continuation_tokens_and_applies_every_filter()
    {
        Harness.Open(r =>
        {
            r.Add<int, int>("Double", async n => await Workflow.RunStepAsync("Times2", null, _ => Task.FromResult(n * 2)));
            r.Add<int, int>("Hold", async _ => await Workflow.WaitForEventAsync<int>("go"));
        });
        for (var i = 0; i < 7; i++) await Harness.Client.RunAsync<int, int>("Double", i, new() { InstanceId = $"double-{i}" }).Within();
        await Harness.Client.StartAsync<int, int>("Hold", 0, new() { InstanceId = "hold-1" });

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { WorkflowName = "Double", PageSize = 3, ContinuationToken = token });
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 7).Reverse().Select(i => $"double-{i}")), "newest first, each once");

        var running = await Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { Status = WorkflowStatus.Running });
        Assert.That(running.Instances.Select(i => i.InstanceId), Is.EqualTo(new[] { "hold-1" }));
        Assert.That(running.ContinuationToken, Is.Null);

        var prefixed = await Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { InstanceIdPrefix = "double-1" });
        Assert.That(prefixed.Instances.Select(i => i.InstanceId), Is.EqualTo(new[] { "double-1" }));

        var all = await Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { PageSize = 100 });
        var middle = all.Instances[4].CreatedAt;
        var before = await Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { CreatedBefore = middle, PageSize = 100 });
        var from = await Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { CreatedFrom = middle, PageSize = 100 });
        Assert.That(before.Instances.Concat(from.Instances).Select(i => i.InstanceId), Is.EquivalentTo(all.Instances.Select(i => i.InstanceId)));
        Assert.That(before.Instances.All(i => i.CreatedAt < middle) && from.Instances.All(i => i.CreatedAt >= middle));

        var badToken = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { ContinuationToken = "not-a-token" }));
        Assert.That(badToken!.Message, Does.Contain("not-a-token").And.Contain("ContinuationToken unchanged"));
        var badSize = await Assert.ThrowsAsync<ArgumentException>(() => Harness.Client.QueryInstancesAsync(new WorkflowInstanceQuery { PageSize = 0 }));
        Assert.That(badSize!.Message, Does.Contain("1 to 1000"));
    }

    [Test]
    public async Task Statistics_count_instances_by_workflow_and_status()
    {
        Harness.Open(r => r.Add<int, int>("Double", async n => await Workflow.RunStepAsync("Times2", null, _ => Task.FromResult(n * 2))));
        for (var i = 0; i < 3; i++) await Harness.Client.RunAsync<int, int>("Double", i).Within();

        var statistics = await Harness.Client.GetStatisticsAsync(DateTime.UtcNow.AddHours(-1));

        Assert.That(statistics.Counts.Single(), Is.EqualTo(new Workflows.Storage.InstanceCount("Double", WorkflowStatus.Completed, 3)));
        Assert.That(statistics.StartedPerMinute.Values.Sum(), Is.EqualTo(3));
        Assert.That(statistics.EndedPerMinute.Values.Sum(), Is.EqualTo(3));
    }
}
