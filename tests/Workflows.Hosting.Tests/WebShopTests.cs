using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Hosting.Tests;

/// <summary>The WebShop sample, run as a real process: an order survives the server being killed while it waits for approval.</summary>
public sealed class WebShopTests : TempDirectoryTest
{
    [Test]
    public async Task An_order_waiting_for_approval_survives_a_killed_server_and_completes_after_the_restart()
    {
        var database = Path.Combine(Directory, "shop.db");
        var orderId = await PlaceOrderAwaitingApprovalThenKillAsync(database, new
        {
            customer = "ada",
            lines = new[] { new { sku = "LAMP", quantity = 3, unitPrice = 40m } },
        });

        await using var second = await WebShopProcess.StartAsync(database, "--Telemetry:Console=true");
        using var client = new HttpClient { BaseAddress = second.Address };
        var approved = await client.PostAsJsonAsync($"/orders/{orderId}/approval", new { approved = true, by = "carol" });
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var order = await WhenNotRunningAsync(client, orderId);
        Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("Completed"), second.Output);
        var outcome = order.GetProperty("outcome");
        Assert.That(outcome.GetProperty("status").GetString(), Is.EqualTo("Shipped"));
        Assert.That(outcome.GetProperty("approvedBy").GetString(), Is.EqualTo("carol"));

        Assert.That((await client.GetAsync("/orders/unknown")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var late = await client.PostAsJsonAsync($"/orders/{orderId}/approval", new { approved = false, by = "dave" });
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the order already finished");

        // The OpenTelemetry console exporter printed the workflow's spans; the workflow's own span ends after its last
        // write, so it can be printed after the order already reads Completed.
        for (var i = 0; i < 100 && !(second.Output.Contains("step Ship", StringComparison.Ordinal)
            && second.Output.Contains("workflow PlaceOrder", StringComparison.Ordinal)); i++) await Task.Delay(50);
        Assert.That(second.Output, Does.Contain("workflow PlaceOrder").And.Contain("step Ship"));
    }

    [Test]
    public async Task An_order_rejected_after_a_killed_server_releases_its_hold_and_ends_Rejected()
    {
        var database = Path.Combine(Directory, "shop.db");
        var orderId = await PlaceOrderAwaitingApprovalThenKillAsync(database, new
        {
            customer = "grace",
            lines = new[] { new { sku = "DESK", quantity = 1, unitPrice = 250m } },
        });

        await using var second = await WebShopProcess.StartAsync(database);
        using var client = new HttpClient { BaseAddress = second.Address };
        var rejected = await client.PostAsJsonAsync($"/orders/{orderId}/approval", new { approved = false, by = "heidi" });
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var order = await WhenNotRunningAsync(client, orderId);
        Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("Completed"), second.Output);
        var outcome = order.GetProperty("outcome");
        Assert.That(outcome.GetProperty("status").GetString(), Is.EqualTo("Rejected"));
        Assert.That(outcome.GetProperty("approvedBy").GetString(), Is.EqualTo("heidi"));
    }

    /// <summary>Places an order over the approval limit on a fresh server, sees it wait, and kills the server.</summary>
    private static async Task<string> PlaceOrderAwaitingApprovalThenKillAsync(string database, object order)
    {
        await using var server = await WebShopProcess.StartAsync(database);
        using var http = new HttpClient { BaseAddress = server.Address };
        var placed = await http.PostAsJsonAsync("/orders", order);
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        Assert.That(await StatusAsync(http, orderId), Is.EqualTo("Running"));
        await server.KillAsync();
        return orderId;
    }

    /// <summary>The order once its workflow no longer runs, or as it stands after 15 s.</summary>
    private static async Task<JsonElement> WhenNotRunningAsync(HttpClient client, string orderId)
    {
        JsonElement order = default;
        for (var i = 0; i < 300; i++)
        {
            order = await client.GetFromJsonAsync<JsonElement>($"/orders/{orderId}");
            if (order.GetProperty("status").GetString() != "Running") break;
            await Task.Delay(50);
        }
        return order;
    }

    private static async Task<string?> StatusAsync(HttpClient http, string orderId) =>
        (await http.GetFromJsonAsync<JsonElement>($"/orders/{orderId}")).GetProperty("status").GetString();
}
