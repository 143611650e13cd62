using Workflows;

namespace Orders;

/// <summary>
/// An order: reserve stock, charge the card, ship every line, notify the customer. Each step is durable: after a
/// crash the workflow resumes here, recorded steps return their results without running again.
/// </summary>
public sealed class OrderWorkflows
{
    [Workflow]
    public async Task<Receipt> ProcessOrder(Order order)
    {
        var orderId = Workflow.InstanceId;
        var hold = await Reserve(order);
        Report("Reserve", hold.HoldId);

        var payment = await Charge(order);
        Report("Charge", $"{payment.Amount:0.00} EUR as {payment.PaymentId}");

        // A durable fan-out: after a crash, lines already shipped keep their recorded shipment (their items do not run
        // again, so they print nothing then).
        var shipped = await Workflow.MapAsync(order.Lines, async line =>
        {
            var shipment = await Ship(line);
            Report("Ship", shipment.TrackingNumber);
            return shipment;
        }, new MapOptions { MaxConcurrency = 2 });
        var shipments = shipped.Values;
        Console.WriteLine($"            shipped  {shipments.Count} line(s): {string.Join(", ", shipments.Select(s => s.TrackingNumber))}");

        var confirmation = Workflow.NewGuid();
        await Notify(order.Customer, confirmation);
        Report("Notify", order.Customer);

        return new Receipt(orderId, payment.PaymentId, payment.Amount, [.. shipments.Select(s => s.TrackingNumber)], confirmation);
    }

    [Step]
    private static async Task<Hold> Reserve(Order order)
    {
        CrashSwitch.BeforeStep();
        await Task.Delay(100);
        CrashSwitch.StepCompleted();
        return new Hold($"hold-{order.Lines.Count}-{Workflow.Step.IdempotencyKey.GetHashCode(StringComparison.Ordinal) & 0xffff:x4}", DateTime.UtcNow.AddMinutes(30));
    }

    [Step(MaxAttempts = 5, InitialBackoffMilliseconds = 200)]
    private static async Task<Payment> Charge(Order order)
    {
        CrashSwitch.BeforeStep();
        await Task.Delay(150);
        CrashSwitch.StepCompleted();
        // A real payment provider deduplicates on this key, so a charge re-run after a crash is not taken twice.
        var key = Workflow.Step.IdempotencyKey;
        return new Payment($"pay_{(uint)key.GetHashCode(StringComparison.Ordinal):x8}", order.Total, key);
    }

    [Step]
    private static async Task<Shipment> Ship(OrderLine line)
    {
        CrashSwitch.BeforeStep();
        await Task.Delay(80);
        CrashSwitch.StepCompleted();
        return new Shipment(line.Sku, $"TRK-{line.Sku}-{line.Quantity}");
    }

    [Step]
    private static async Task Notify(string customer, Guid confirmation)
    {
        CrashSwitch.BeforeStep();
        await Task.Delay(50);
        CrashSwitch.StepCompleted();
    }

    private static void Report(string step, string detail) =>
        Console.WriteLine($"  {(Workflow.IsReplaying ? "replayed" : "live    ")}  {step,-8} {detail}");
}
