namespace Workflows.Dashboard.Tests;

public sealed record Basket(string Customer, string[] Skus);

/// <summary>Workflows with every kind of operation the dashboard draws.</summary>
public sealed class ShopWorkflows
{
    /// <summary>Failures left for the next calls of <see cref="Charge"/> for a customer: a retried step.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> ChargeFailures = new(StringComparer.Ordinal);

    [Workflow]
    public async Task<string> Checkout(Basket basket)
    {
        var parcels = await Workflow.MapAsync(basket.Skus, sku => Pack(sku));
        var payment = await Charge(basket.Customer);
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(20));
        var approved = await Workflow.WaitForEventAsync<string>("approval", TimeSpan.FromDays(2));
        var invoice = await Invoice(basket.Customer);
        return $"{payment}/{string.Join(",", parcels.Values)}/{approved}/{invoice}";
    }

    [Workflow]
    public async Task<string> Invoice(string customer) => await Bill(customer);

    [Workflow]
    public async Task<string> Hold(string note) => await Workflow.WaitForEventAsync<string>("release", TimeSpan.FromDays(30)) + note;

    [Step] private Task<string> Pack(string sku) => Task.FromResult($"parcel-{sku}");

    [Step(MaxAttempts = 4, InitialBackoffMilliseconds = 5)]
    private Task<string> Charge(string customer) =>
        ChargeFailures.AddOrUpdate(customer, -1, (_, left) => left - 1) >= 0
            ? throw new TimeoutException("card network busy")
            : Task.FromResult($"pay-{customer}");

    [Step] private Task<string> Bill(string customer) => Task.FromResult($"invoice-{customer}");
}
