using Microsoft.Playwright;

namespace Workflows.Dashboard.Tests;

/// <summary>The dashboard in a real browser: list, detail and timeline, actions under the write policy, payloads as text.</summary>
[NonParallelizable]
public sealed class BrowserTests
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser() => (_playwright, _browser) = await Browser.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Test]
    public async Task The_list_leads_to_a_detail_whose_timeline_shows_every_kind_of_operation_with_its_status()
    {
        await using var host = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, writePolicy: null);
        ShopWorkflows.ChargeFailures["ada"] = 1;
        await host.Client.StartCheckoutAsync(new Basket("ada", ["lamp", "book", "pen"]), instanceId: "order-7");
        await host.Client.StartCheckoutAsync(new Basket("bob", ["desk"]), instanceId: "order-8");
        await ApiTests.WaitUntilAsync(async () => (await host.Client.GetHistoryAsync("order-8")).AllOperations().Any(o => o.Kind == WorkflowOperationKind.EventWait));
        await ApiTests.WaitUntilAsync(async () => (await host.Client.GetHistoryAsync("order-7")).AllOperations().Any(o => o.Kind == WorkflowOperationKind.EventWait));
        await host.Client.RaiseEventAsync("order-7", "approval", "approved by carol");
        await host.Client.WaitForCompletionAsync("order-7").WaitAsync(TimeSpan.FromSeconds(30));
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });

        await page.GotoAsync(new Uri(host.Address, "/workflows/instances").ToString());
        await Expect(page.Locator("#instances")).ToContainTextAsync("order-8");
        await Screenshot(page, "dashboard-list.png");
        await page.Locator("#instances a.instance-link").GetByText("order-7", new() { Exact = true }).ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync("order-7");
        await Expect(page.Locator("h1 .status")).ToHaveTextAsync("Completed");
        var fanOut = page.Locator(".op[data-kind=FanOut]");
        await Expect(fanOut).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(fanOut).ToContainTextAsync("3 items: 3 completed");
        await Expect(page.Locator(".op[data-kind=FanOutItem]").First).Not.ToBeVisibleAsync();
        await fanOut.ClickAsync();
        await Expect(page.Locator(".op[data-kind=FanOutItem][data-status=Completed]")).ToHaveCountAsync(3);

        var charge = page.Locator(".op[data-kind=Step]", new() { HasText = "Charge" });
        await Expect(charge).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(charge.Locator(".attempts")).ToHaveTextAsync("2 attempts");
        await Expect(charge.Locator(".attempt-error")).ToContainTextAsync("attempt 1 failed: System.TimeoutException: card network busy");
        await Expect(page.Locator(".op[data-kind=Timer]")).ToHaveAttributeAsync("data-status", "Completed");
        var wait = page.Locator(".op[data-kind=EventWait]");
        await Expect(wait).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(wait.Locator(".op-name")).ToHaveTextAsync("approval");
        await Expect(wait.Locator(".result")).ToHaveTextAsync("\"approved by carol\"");
        var child = page.Locator(".op[data-kind=ChildWorkflow]");
        await Expect(child).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(child.Locator(".status")).ToContainTextAsync(["Completed", "Completed"]);
        await Expect(page.Locator("#output")).ToContainTextAsync("pay-ada/parcel-lamp,parcel-book,parcel-pen/approved by carol/invoice-ada");
        await Expect(page.Locator("#actions")).ToHaveCountAsync(0, new() { }); // no write policy: no forms
        await Screenshot(page, "dashboard-detail.png");

        var raw = await page.APIRequest.GetAsync(new Uri(host.Address, (await page.Locator("#raw-history").GetAttributeAsync("href"))!).ToString());
        Assert.That(raw.Headers["content-type"], Does.StartWith("application/json"));
        Assert.That(await raw.TextAsync(), Does.Contain("\"kind\": \"EventWait\"").And.Contain("\"name\": \"approval\""));

        await child.Locator("a.child-link").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("order-7::sub::1:/Invoice#1");
        await Expect(page.Locator("#parent-link")).ToHaveTextAsync("order-7");

        // A waiting instance: its wait is pending, highlighted, by name, with its due time; the page refreshes itself.
        await page.GotoAsync(new Uri(host.Address, "/workflows/instance?id=order-8").ToString());
        var pending = page.Locator(".op.pending[data-kind=EventWait]");
        await Expect(pending).ToHaveAttributeAsync("data-status", "Waiting");
        await Expect(pending.Locator(".due")).ToContainTextAsync("due ");
        await host.Client.RaiseEventAsync("order-8", "approval", "later");
        await Expect(page.Locator("h1 .status")).ToHaveTextAsync("Completed", new() { Timeout = 15_000 });
    }

    [Test]
    public async Task A_cancel_through_the_page_works_with_the_write_policy_and_is_refused_without_it()
    {
        await using (var granted = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, WorkflowsDashboardPolicies.Anyone))
        {
            await granted.Client.StartHoldAsync("x", instanceId: "hold-1");
            var page = await _browser.NewPageAsync();
            await page.GotoAsync(new Uri(granted.Address, "/workflows/instance?id=hold-1").ToString());
            await page.Locator("input[aria-label='Cancel reason']").FillAsync("changed my mind");
            await page.Locator("#cancel").ClickAsync();

            await Expect(page.Locator("h1 .status")).ToHaveTextAsync("Canceled", new() { Timeout = 15_000 });
            var info = await granted.Client.GetStatusAsync("hold-1");
            Assert.That((info.Status, info.StatusReason), Is.EqualTo((WorkflowStatus.Canceled, "changed my mind")));
        }

        await using var readOnly = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, writePolicy: null);
        await readOnly.Client.StartHoldAsync("x", instanceId: "hold-2");
        var other = await _browser.NewPageAsync();
        await other.GotoAsync(new Uri(readOnly.Address, "/workflows/instance?id=hold-2").ToString());
        await Expect(other.Locator("h1 .status")).ToHaveTextAsync("Running");
        await Expect(other.Locator("#actions")).ToHaveCountAsync(0);

        var forged = await other.APIRequest.PostAsync(new Uri(readOnly.Address, "/workflows/instance/cancel?id=hold-2").ToString(), new() { Form = other.APIRequest.CreateFormData().Set("reason", "forged") });
        Assert.That(forged.Status, Is.EqualTo(403));
        Assert.That(await forged.TextAsync(), Does.Contain("WritePolicy"));
        Assert.That((await readOnly.Client.GetStatusAsync("hold-2")).Status, Is.EqualTo(WorkflowStatus.Running));
    }

    [Test]
    public async Task A_terminated_instance_is_reset_through_the_page_and_a_failed_one_retried()
    {
        await using var host = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, WorkflowsDashboardPolicies.Anyone);
        await host.Client.StartHoldAsync("x", instanceId: "hold-3");
        await host.Client.TerminateAsync("hold-3", "by mistake");
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.Address, "/workflows/instance?id=hold-3").ToString());
        await Expect(page.Locator("#retry")).ToHaveCountAsync(0);
        await page.Locator("input[aria-label='Reset to operation']").FillAsync("/$event#1");
        await page.Locator("input[aria-label='Reset reason']").FillAsync("terminated by mistake");
        await page.Locator("#reset").ClickAsync();

        await Expect(page.Locator("h1 .status")).ToHaveTextAsync("Running", new() { Timeout = 15_000 });
        Assert.That((await host.Client.GetStatusAsync("hold-3")).Execution, Is.EqualTo(2));
        await host.Client.RaiseEventAsync("hold-3", "release", "kept-");
        Assert.That(await host.Client.GetResultAsync<string>("hold-3").WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("kept-x"));

        ShopWorkflows.ChargeFailures["cy"] = 4;
        await host.Client.StartCheckoutAsync(new Basket("cy", ["a"]), instanceId: "order-9");
        await host.Client.WaitForCompletionAsync("order-9").WaitAsync(TimeSpan.FromSeconds(30));
        await page.GotoAsync(new Uri(host.Address, "/workflows/instance?id=order-9").ToString());
        await page.Locator("#retry").ClickAsync();
        await Expect(page.Locator("h1 .status")).ToHaveTextAsync("Running", new() { Timeout = 15_000 });
    }

    [Test]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        await using var host = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, WorkflowsDashboardPolicies.Anyone);
        await host.Client.StartHoldAsync("x", instanceId: "hold-1");
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(host.Address, "/workflows/instance?id=hold-1").ToString());

        var forged = await page.APIRequest.PostAsync(new Uri(host.Address, "/workflows/instance/terminate?id=hold-1").ToString(), new() { Form = page.APIRequest.CreateFormData().Set("reason", "forged") });

        Assert.That(forged.Status, Is.EqualTo(400));
        Assert.That(await forged.TextAsync(), Does.Contain("antiforgery token"));
        Assert.That((await host.Client.GetStatusAsync("hold-1")).Status, Is.EqualTo(WorkflowStatus.Running));
    }

    [Test]
    public async Task A_script_payload_renders_as_text()
    {
        await using var host = await DashboardHost.StartAsync(WorkflowsDashboardPolicies.Anyone, writePolicy: null);
        const string Payload = "<script>window.injected = true</script><img src=x onerror=\"window.injected = true\">";
        await host.Client.StartHoldAsync(Payload, instanceId: "hold-<b>1</b>");
        var page = await _browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.Address, "/workflows/instances").ToString());
        await Expect(page.Locator("#instances")).ToContainTextAsync("hold-<b>1</b>");
        await page.Locator("a.instance-link").First.ClickAsync();

        await Expect(page.Locator("#input")).ToContainTextAsync("<script>window.injected = true</script>");
        Assert.That(await page.Locator("#input script, #input img, h1 b").CountAsync(), Is.Zero, "no element was made from the payload");
        Assert.That(await page.EvaluateAsync<bool>("() => window.injected === true"), Is.False);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static async Task Screenshot(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
