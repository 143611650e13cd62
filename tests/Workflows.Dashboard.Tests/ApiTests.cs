using System.Net;
using System.Net.Http.Json;
using System.Text.Json;


namespace Workflows.Dashboard.Tests;

/// <summary>The HTTP API: policies that deny until granted, reads, actions, its client, and its OpenAPI description.</summary>
public sealed class ApiTests
{
    [Test]
    public async Task Reads_and_actions_are_denied_until_the_host_names_a_policy()
    {
        await using var host = await DashboardHost.StartAsync(readPolicy: null, writePolicy: null);
        await host.Client.StartHoldAsync("x", instanceId: "hold-1");
        using var http = host.Http();

        var list = await http.GetAsync("/workflows/api/instances");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await list.Content.ReadAsStringAsync(), Does.Contain("WorkflowsDashboardOptions.ReadPolicy"));
        var cancel = await http.PostAsJsonAsync("/workflows/api/instance/cancel?id=hold-1", new ActionRequest("no"));
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await cancel.Content.ReadAsStringAsync(), Does.Contain("WorkflowsDashboardOptions.WritePolicy"));
        var page = await http.GetAsync("/workflows/instances");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the dashboard's pages too");
        Assert.That((await host.Client.GetStatusAsync("hold-1")).Status, Is.EqualTo(WorkflowStatus.Running));
    }

    [Test]
    public async Task A_cancel_needs_the_write_policy_and_works_with_it()
    {
        await using var readOnly = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, writePolicy: null);
        await readOnly.Client.StartHoldAsync("x", instanceId: "hold-1");
        using (var http = readOnly.Http())
        {
            var refused = await http.PostAsJsonAsync("/workflows/api/instance/cancel?id=hold-1", new ActionRequest("please"));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await readOnly.Client.GetStatusAsync("hold-1")).Status, Is.EqualTo(WorkflowStatus.Running));
        }

        await using var granted = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, WorkflowsDashboardPolicies.Anyone);
        await granted.Client.StartHoldAsync("x", instanceId: "hold-2");
        using var client = granted.Http();
        var accepted = await client.PostAsJsonAsync("/workflows/api/instance/cancel?id=hold-2", new ActionRequest("customer asked"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var ended = await granted.Client.WaitForCompletionAsync("hold-2").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That((ended.Status, ended.StatusReason), Is.EqualTo((WorkflowStatus.Canceled, "customer asked")));

        var again = await client.PostAsJsonAsync("/workflows/api/instance/cancel?id=hold-2", new ActionRequest(null));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var missing = await client.PostAsJsonAsync("/workflows/api/instance/terminate?id=nobody", new ActionRequest(null));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Retry_and_reset_run_an_ended_instance_again_and_refuse_what_they_cannot()
    {
        await using var host = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, WorkflowsDashboardPolicies.Anyone);
        ShopWorkflows.ChargeFailures["bo"] = 4;
        await host.Client.StartCheckoutAsync(new Basket("bo", ["a"]), instanceId: "order-r");
        Assert.That((await host.Client.WaitForCompletionAsync("order-r").WaitAsync(TimeSpan.FromSeconds(30))).Status, Is.EqualTo(WorkflowStatus.Failed));
        using var http = host.Http();

        var retried = await http.PostAsync("/workflows/api/instance/retry?id=order-r", null);
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await retried.Content.ReadAsStringAsync());
        await host.Client.RaiseEventAsync("order-r", "approval", "yes");
        var done = await host.Client.WaitForCompletionAsync("order-r").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That((done.Status, done.Execution), Is.EqualTo((WorkflowStatus.Completed, 2)), "the retried execution ran from the failed charge");

        await host.Client.StartHoldAsync("x", instanceId: "hold-r");
        var wait = Uri.EscapeDataString("/$event#1");
        var running = await http.PostAsJsonAsync($"/workflows/api/instance/reset?id=hold-r&to={wait}", new ActionRequest(null));
        Assert.That(running.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await running.Content.ReadAsStringAsync(), Does.Contain("Suspend it first"));
        await host.Client.TerminateAsync("hold-r", "stop");
        var unknown = await http.PostAsJsonAsync($"/workflows/api/instance/reset?id=hold-r&to={Uri.EscapeDataString("/Nothing#1")}", new ActionRequest(null));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var reset = await http.PostAsJsonAsync($"/workflows/api/instance/reset?id=hold-r&to={wait}", new ActionRequest("wait again"));
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await reset.Content.ReadAsStringAsync());
        await host.Client.RaiseEventAsync("hold-r", "release", "go-");
        Assert.That(await host.Client.GetResultAsync<string>("hold-r").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("go-x"));
    }

    [Test]
    public async Task Schedules_are_listed_described_paused_triggered_and_deleted_through_the_api_and_shown_on_their_page()
    {
        await using var host = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, WorkflowsDashboardPolicies.Anyone);
        await host.Engine.Schedules.CreateAsync("nightly", ScheduleSpec.Cron("0 3 * * *", "Europe/Berlin"), new ScheduleAction("Invoice", "ada"));
        using var http = host.Http();

        var list = JsonDocument.Parse(await http.GetStringAsync("/workflows/api/schedules")).RootElement;
        Assert.That(list.EnumerateArray().Select(s => s.GetProperty("scheduleId").GetString()), Is.EqualTo(new[] { "nightly" }));
        var paused = await http.PostAsJsonAsync("/workflows/api/schedule/pause?id=nightly", new ActionRequest("month end"));
        Assert.That(paused.StatusCode, Is.EqualTo(HttpStatusCode.OK), await paused.Content.ReadAsStringAsync());
        var described = JsonDocument.Parse(await http.GetStringAsync("/workflows/api/schedule?id=nightly")).RootElement;
        Assert.That((described.GetProperty("paused").GetBoolean(), described.GetProperty("note").GetString()), Is.EqualTo((true, "month end")));

        var triggered = await http.PostAsync("/workflows/api/schedule/trigger?id=nightly", null);
        var run = JsonDocument.Parse(await triggered.Content.ReadAsStringAsync()).RootElement.GetProperty("instanceId").GetString()!;
        Assert.That(run, Does.StartWith("nightly@"));
        Assert.That(await host.Client.GetResultAsync<string>(run).WaitAsync(TimeSpan.FromSeconds(30)), Does.Contain("ada"));

        var page = await http.GetStringAsync("/workflows/schedules");
        Assert.That(page, Does.Contain("nightly").And.Contain("cron &#x27;0 3 * * *&#x27; Europe/Berlin").And.Contain("paused (month end)"));
        Assert.That(page, Does.Contain("href=\"/workflows/instance?id=schedule%3Anightly\""), "the schedule links to the instance that carries it");

        Assert.That((await http.PostAsync("/workflows/api/schedule/delete?id=nightly", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await http.GetStringAsync("/workflows/schedules"), Does.Contain("No schedules."));
        Assert.That((await http.GetAsync("/workflows/api/schedule?id=nightly")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.PostAsync("/workflows/api/schedule/trigger?id=nightly", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        await using var readOnly = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, writePolicy: null);
        using var reader = readOnly.Http();
        await readOnly.Engine.Schedules.CreateAsync("often", ScheduleSpec.Every(TimeSpan.FromHours(1)), new ScheduleAction("Invoice", "bo"),
            new ScheduleOptions { Paused = true, Note = "<script>alert(1)</script>" });
        var escaped = await reader.GetStringAsync("/workflows/schedules");
        Assert.That(escaped, Does.Not.Contain("<script>alert(1)</script>").And.Contain("&lt;script&gt;"), "a note with markup renders as text");
        Assert.That((await reader.PostAsync("/workflows/api/schedule/pause?id=often", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await readOnly.Engine.Schedules.GetAsync("often")).Note, Is.EqualTo("<script>alert(1)</script>"), "the refused pause changed nothing");
    }

    [Test]
    public async Task The_client_reads_list_describe_and_history_through_the_api()
    {
        await using var host = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, WorkflowsDashboardPolicies.Anyone);
        ShopWorkflows.ChargeFailures["ada"] = 1;
        await host.Client.StartCheckoutAsync(new Basket("ada", ["a", "b"]), instanceId: "order-1");
        using var http = host.Http();
        http.BaseAddress = new Uri(host.Address, "/workflows/api/");
        var api = new WorkflowsApiClient(http);

        await WaitUntilAsync(async () => (await api.GetHistoryAsync("order-1")).AllOperations().Any(o => o.Kind == WorkflowOperationKind.EventWait));
        var raised = await http.PostAsJsonAsync("instance/events?id=order-1&name=approval", "yes");
        Assert.That(raised.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await host.Client.WaitForCompletionAsync("order-1").WaitAsync(TimeSpan.FromSeconds(30));

        var page = await api.QueryInstancesAsync(new WorkflowInstanceQuery { PageSize = 1 });
        Assert.That(page.Instances, Has.Count.EqualTo(1));
        Assert.That(page.ContinuationToken, Is.Not.Null, "the child is a second instance");
        var rest = await api.QueryInstancesAsync(new WorkflowInstanceQuery { PageSize = 1, ContinuationToken = page.ContinuationToken });
        Assert.That(page.Instances.Concat(rest.Instances).Select(i => i.InstanceId), Is.EquivalentTo(new[] { "order-1", "order-1::sub::1:/Invoice#1" }));

        var info = await api.GetStatusAsync("order-1");
        Assert.That((info.Status, info.OutputJson), Is.EqualTo((WorkflowStatus.Completed, "\"pay-ada/parcel-a,parcel-b/yes/invoice-ada\"")));
        var history = await api.GetHistoryAsync("order-1");
        Assert.That(history.Operations.Select(o => o.Kind), Is.EqualTo(new[]
        {
            WorkflowOperationKind.FanOut, WorkflowOperationKind.Step, WorkflowOperationKind.Timer, WorkflowOperationKind.EventWait, WorkflowOperationKind.ChildWorkflow,
        }));
        Assert.That(history.Operations[1].LastFailedAttemptError?.Message, Is.EqualTo("card network busy"));
        var child = await api.GetStatusAsync("order-1::sub::1:/Invoice#1");
        Assert.That(child.ParentInstanceId, Is.EqualTo("order-1"));

        await Assert.ThrowsAsync<WorkflowInstanceNotFoundException>(() => api.GetStatusAsync("nobody"));
        await Assert.ThrowsAsync<ArgumentException>(() => api.QueryInstancesAsync(new WorkflowInstanceQuery { ContinuationToken = "bad" }));
        var statistics = await api.GetStatisticsAsync(DateTime.UtcNow.AddHours(-1));
        Assert.That(statistics.Counts.Sum(c => c.Count), Is.EqualTo(2));
    }

    [Test]
    public async Task The_api_is_described_with_OpenAPI()
    {
        await using var host = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, null);
        using var http = host.Http();

        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/workflows/api/instances", "/workflows/api/instance", "/workflows/api/instance/history", "/workflows/api/statistics",
            "/workflows/api/instance/cancel", "/workflows/api/instance/terminate", "/workflows/api/instance/suspend",
            "/workflows/api/instance/resume", "/workflows/api/instance/events",
        }));
        Assert.That(paths.Any(p => p.StartsWith("/workflows/instance", StringComparison.Ordinal)), Is.False, "the dashboard's pages are not API");
        var list = document.RootElement.GetProperty("paths").GetProperty("/workflows/api/instances").GetProperty("get");
        Assert.That(list.GetProperty("operationId").GetString(), Is.EqualTo("ListWorkflowInstances"));
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300 && !await condition(); i++) await Task.Delay(50);
        Assert.That(await condition(), Is.True, "the condition was never met");
    }
}
