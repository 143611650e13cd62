using Workflows;

namespace WebShop;

/// <summary>
/// The order workflow. Built from the container for each run (its dependencies are injected); every call to a
/// [Step] method is checkpointed, so the order survives a restart of the web server at any point.
/// </summary>
public sealed class OrderWorkflows(Inventory inventory, Payments payments, ILogger<OrderWorkflows> logger)
{
    /// <summary>Orders above this total wait for a person to approve them.</summary>
    public const decimal ApprovalLimit = 100m;

    [Workflow]
    public async Task<OrderOutcome> PlaceOrder(OrderRequest order)
    {
        var hold = await Reserve(order);
        string? approvedBy = null;
        if (order.Total > ApprovalLimit)
        {
            Workflow.Logger.LogInformation("Order {Total} waits for approval", order.Total);
            Approval decision;
            try
            {
                decision = await Workflow.WaitForEventAsync<Approval>("approval", TimeSpan.FromDays(3));
            }
            catch (EventTimeoutException)
            {
                decision = new Approval(false, "timeout");
            }
            if (!decision.Approved)
            {
                await Release(hold);
                return new OrderOutcome("Rejected", null, decision.By);
            }
            approvedBy = decision.By;
        }
        var paymentId = await Charge(order);
        await Ship(order);
        return new OrderOutcome("Shipped", paymentId, approvedBy);
    }

    [Step]
    private Task<string> Reserve(OrderRequest order) =>
        Task.FromResult(inventory.Hold(Workflow.Step.IdempotencyKey, order.Lines));

    [Step]
    private Task<bool> Release(string holdId)
    {
        inventory.Release(holdId);
        return Task.FromResult(true);
    }

    [Step(MaxAttempts = 5)]
    private Task<string> Charge(OrderRequest order) =>
        Task.FromResult(payments.Charge(Workflow.Step.IdempotencyKey, order.Total));

    [Step]
    private Task<int> Ship(OrderRequest order)
    {
        logger.LogInformation("Shipping {Count} line(s) to {Customer}", order.Lines.Count, order.Customer);
        return Task.FromResult(order.Lines.Count);
    }
}
