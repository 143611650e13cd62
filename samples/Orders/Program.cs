using System.Text.Json;
using Orders;
using Workflows;

// Usage: dotnet run --project samples/Orders [-- --crash-after N]
// Starts an order workflow on orders.db in the working directory. With --crash-after N the process dies abruptly
// once N steps completed; run it again and the unfinished order resumes where it stopped.
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--crash-after" && int.TryParse(args[i + 1], out var n) && n >= 0) CrashSwitch.After = n;
}

// The generator registers every [Workflow] method of this project: no registration code.
await using var engine = WorkflowEngine.Open("orders.db");
await engine.Ready;

var unfinished = await engine.Client.ListInstancesAsync(WorkflowStatus.Running);
WorkflowHandle<Receipt> handle;
if (unfinished.Count > 0)
{
    handle = engine.Client.GetHandle<Receipt>(unfinished[0].InstanceId);
    Console.WriteLine($"Resuming order {handle.InstanceId} where it stopped:");
}
else
{
    var order = new Order("ada@example.com",
    [
        new OrderLine("BOOK-1", 2, 12.50m),
        new OrderLine("PEN-7", 10, 1.20m),
        new OrderLine("LAMP-3", 1, 39.00m),
    ]);
    var orderId = $"order-{(await engine.Client.ListInstancesAsync()).Count + 1}";
    handle = await engine.Client.StartProcessOrderAsync(order, instanceId: orderId);
    Console.WriteLine($"Started order {orderId} for {order.Customer}, {order.Lines.Count} lines, {order.Total:0.00} EUR:");
}

var receipt = await handle.GetResultAsync();
Console.WriteLine(JsonSerializer.Serialize(receipt));
