namespace Workflows.Cli.Tests;

public sealed record Parcel(string Sku, int Weight);

/// <summary>The workflows the CLI inspects and replays (generated, as in an application).</summary>
public sealed class ShopWorkflows
{
    [Workflow]
    public async Task<int> Ship(IReadOnlyList<Parcel> parcels)
    {
        var packed = await Workflow.MapAsync(parcels, p => Weigh(p));
        var label = await PrintLabel(packed.Values.Sum());
        return label.Length + await Insure(packed.Values.Sum());
    }

    [Workflow]
    public Task<int> Insure(int weight) => Premium(weight);

    [Workflow]
    public async Task<string> Greet(string name) => await Hello(name);

    /// <summary>Failures left for the next call of <see cref="Charge"/>.</summary>
    public static int ChargeFailures;

    [Workflow]
    public async Task<string> Approve(string customer)
    {
        var payment = await Charge(customer);
        return payment + "/" + await Workflow.WaitForEventAsync<string>("approval", TimeSpan.FromDays(1));
    }

    [Step(MaxAttempts = 3, InitialBackoffMilliseconds = 5)]
    private static Task<string> Charge(string customer) =>
        Interlocked.Decrement(ref ChargeFailures) >= 0 ? throw new TimeoutException("card network busy") : Task.FromResult($"paid-{customer}");

    [Step]
    private static Task<int> Weigh(Parcel parcel) => Task.FromResult(parcel.Weight);

    [Step]
    private static Task<string> PrintLabel(int weight) => Task.FromResult($"label:{weight}");

    [Step]
    private static Task<int> Premium(int weight) => Task.FromResult(weight * 2);

    [Step]
    private static Task<string> Hello(string name) => Task.FromResult($"hello {name}");
}
