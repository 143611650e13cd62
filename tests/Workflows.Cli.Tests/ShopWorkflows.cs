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

    [Step]
    private static Task<int> Weigh(Parcel parcel) => Task.FromResult(parcel.Weight);

    [Step]
    private static Task<string> PrintLabel(int weight) => Task.FromResult($"label:{weight}");

    [Step]
    private static Task<int> Premium(int weight) => Task.FromResult(weight * 2);

    [Step]
    private static Task<string> Hello(string name) => Task.FromResult($"hello {name}");
}
