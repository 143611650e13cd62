using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;
using Workflows.Hosting.Tests;
using Workflows.PostgreSql;
using Workflows.PostgreSql.Tests;

namespace Workflows.Cli.Tests;

/// <summary>Every source the CLI reads (a running app's API, PostgreSQL), JSON output, plain columns, and what history shows.</summary>
public sealed class SourceTests : TempDirectoryTest
{
    [Test]
    public async Task The_cli_inspects_a_running_WebShop_through_its_api()
    {
        await using var shop = await WebShopProcess.StartAsync(Path.Combine(TestDirectory, "webshop.db"));
        using var http = new HttpClient { BaseAddress = shop.Address };
        var placed = await http.PostAsJsonAsync("/orders", new { customer = "ada", lines = new[] { new { sku = "LAMP", quantity = 3, unitPrice = 40m } } });
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), shop.Output);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        var api = new Uri(shop.Address, "/workflows/api").ToString();

        CliRun shown = null!;
        for (var i = 0; i < 100; i++)
        {
            shown = await CliRun.InvokeAsync("show", "--url", api, orderId);
            if (shown.Output.Contains("event wait approval", StringComparison.Ordinal)) break;
            await Task.Delay(100);
        }
        Assert.That(shown.ExitCode, Is.Zero, shown.Error);
        Assert.That(shown.Output, Does.Contain(orderId).And.Contain("Running").And.Contain("event wait approval  waiting"));

        var list = await CliRun.InvokeAsync("list", "--url", api, "--json");
        Assert.That(list.ExitCode, Is.Zero, list.Error);
        using (var page = JsonDocument.Parse(list.Output))
            Assert.That(page.RootElement.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()), Does.Contain(orderId));

        var history = await CliRun.InvokeAsync("history", "--url", api, orderId, "--json");
        Assert.That(history.ExitCode, Is.Zero, history.Error);
        Assert.That(Storage.WorkflowHistory.FromJson(history.Output).Instance.InstanceId, Is.EqualTo(orderId));

        var missing = await CliRun.InvokeAsync("show", "--url", api, "no-such-order");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Error, Does.Contain("No workflow instance 'no-such-order'").And.Contain(api));
        var purge = await CliRun.InvokeAsync("purge", "--url", api, "--older-than", "1d");
        Assert.That(purge.ExitCode, Is.EqualTo(1));
        Assert.That(purge.Error, Does.Contain("Purging needs the store itself"));
        await shop.KillAsync();
        var gone = await CliRun.InvokeAsync("list", "--url", api);
        Assert.That(gone.ExitCode, Is.EqualTo(3));
        Assert.That(gone.Error, Does.Contain("cannot be reached"));
    }

    [Test]
    public async Task History_shows_events_by_name_and_the_error_of_a_failed_attempt_that_later_succeeded()
    {
        var database = Path.Combine(TestDirectory, "shop.db");
        await using (var engine = WorkflowEngine.Open(database))
        {
            ShopWorkflows.ChargeFailures = 1;
            await engine.Client.StartApproveAsync("ada", instanceId: "approve-1");
            await engine.Client.RaiseEventAsync("approve-1", "approval", "ok by bob");
            Assert.That(await engine.Client.GetResultAsync<string>("approve-1"), Is.EqualTo("paid-ada/ok by bob"));
        }

        var history = await CliRun.InvokeAsync("history", database, "approve-1");

        Assert.That(history.ExitCode, Is.Zero, history.Error);
        var lines = history.Output.Split('\n');
        Assert.That(lines.Single(l => l.Contains("/Charge#1", StringComparison.Ordinal) && !l.Contains("!attempt", StringComparison.Ordinal)), Does.Contain("attempt 1 failed: System.TimeoutException: card network busy"));
        Assert.That(lines.Single(l => l.Contains("/$event#1", StringComparison.Ordinal)), Does.Contain("approval").And.Contain("ok by bob"));

        var shown = await CliRun.InvokeAsync("show", database, "approve-1", "--json");
        using var json = JsonDocument.Parse(shown.Output);
        var operations = json.RootElement.GetProperty("operations").EnumerateArray().ToList();
        Assert.That(operations.Select(o => o.GetProperty("kind").GetString()), Is.EqualTo(new[] { "Step", "EventWait" }));
        Assert.That(operations[0].GetProperty("lastFailedAttemptError").GetProperty("message").GetString(), Is.EqualTo("card network busy"));
    }

    [Test]
    public async Task Redirected_output_prints_plain_unwrapped_columns()
    {
        var database = Path.Combine(TestDirectory, "shop.db");
        var longId = "process-a-rather-long-batch-of-parcels-" + new string('x', 90);
        await using (var engine = WorkflowEngine.Open(database))
            await engine.Client.RunGreetAsync("ada", instanceId: longId);

        var output = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        ansi.Profile.Width = 80;
        var code = await CliApp.RunAsync(["list", database], new CliOutput(ansi, output, new StringWriter(), Plain: true));

        Assert.That(code, Is.Zero);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match("^Instance +Workflow +Status +Execution +Created \\(UTC\\) +Ended \\(UTC\\) +Parent$"));
        Assert.That(lines[1], Does.StartWith(longId + "  Greet").And.Contain("Completed"), "one line per instance, nothing cut or wrapped");
        Assert.That(lines, Has.Length.EqualTo(2));
    }

    [Test]
    public async Task The_cli_reads_a_PostgreSQL_store()
    {
        var connection = PostgresServer.ConnectionString;
        var schema = PostgresServer.NewSchema();
        try
        {
            var options = new WorkflowEngineOptions().UsePostgreSql(connection, o => o.Schema = schema);
            await using (var engine = WorkflowEngine.Create(options))
                await engine.Client.RunGreetAsync("ada", instanceId: "greet-pg");

            var list = await CliRun.InvokeAsync("list", "--postgres", connection, "--schema", schema);
            Assert.That(list.ExitCode, Is.Zero, list.Error);
            Assert.That(list.Output, Does.Contain("greet-pg").And.Contain("1 instance(s)"));
            var shown = await CliRun.InvokeAsync("show", "--postgres", connection, "--schema", schema, "greet-pg");
            Assert.That(shown.Output, Does.Contain("/Hello#1  step Hello  completed").And.Contain("hello ada"));
            var bad = await CliRun.InvokeAsync("list", "--postgres", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2", "--schema", schema);
            Assert.That(bad.ExitCode, Is.EqualTo(3));
            Assert.That(bad.Error, Does.Contain("cannot be opened"));
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    [Test]
    public async Task The_dashboard_command_serves_a_file_read_only_on_localhost()
    {
        var database = Path.Combine(TestDirectory, "shop.db");
        await using (var engine = WorkflowEngine.Open(database))
            await engine.Client.RunGreetAsync("ada", instanceId: "greet-1");
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        var serving = CliApp.RunAsync(["dashboard", database, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], new CliOutput(ansi, TextWriter.Synchronized(output), new StringWriter()), stop.Token);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string? page = null;
            for (var i = 0; i < 100 && page is null; i++)
            {
                try { page = await http.GetStringAsync("/workflows/instances"); }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            Assert.That(page, Does.Contain("greet-1"), output.ToString());
            Assert.That(output.ToString(), Does.Contain($"http://127.0.0.1:{port}/workflows").And.Contain("Read-only"));
            var cancel = await http.PostAsync("/workflows/api/instance/cancel?id=greet-1", null);
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no actions on a served store");
        }
        finally
        {
            await stop.CancelAsync();
            Assert.That(await serving.WaitAsync(TimeSpan.FromSeconds(30)), Is.Zero);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
