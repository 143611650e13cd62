namespace Workflows.Generator.Tests.Scenarios;

/// <summary>Every kind of durable call site the generator intercepts, in one workflow.</summary>
public sealed class FulfilmentWorkflows
{
    [Workflow]
    public async Task<string> Fulfil(ScenarioOrder order)
    {
        var hold = await Reserve(order.Sku);
        var price = await Price(order.Quantity);
        var echoed = await Echo(order.Sku);
        var labels = await Task.WhenAll(Enumerable.Range(1, order.Quantity).Select(i => Label(order.Sku, i).AsTask()));
        async Task<decimal> Taxed() => await Tax.Apply(price);
        var taxed = await Taxed();
        var noted = await NoteAsync(order.Sku);
        await new Notifier().Notify(order.Sku, CancellationToken.None);
        var invoice = await Invoice(order);
        return $"{hold}|{price}|{echoed}|{string.Join(",", labels)}|{taxed}|{noted}|{invoice}";
    }

    [Workflow]
    public async Task<string> Invoice(ScenarioOrder order)
    {
        var number = await Number();
        return $"INV-{number}-{order.Sku}";
    }

    // A plain helper: its step call is durable too, because workflow code calls it.
    private static async Task<string> NoteAsync(string sku) => await Tax.Note(sku);

    [Step]
    private Task<string> Reserve(string sku)
    {
        StepLog.Ran(nameof(Reserve));
        return Task.FromResult($"hold-{sku}");
    }

    [Step(MaxAttempts = 2, InitialBackoffMilliseconds = 1)]
    private static Task<decimal> Price(int quantity)
    {
        StepLog.Ran(nameof(Price));
        return Task.FromResult(quantity * 2.5m);
    }

    [Step]
    private static Task<T> Echo<T>(T value)
    {
        StepLog.Ran(nameof(Echo));
        return Task.FromResult(value);
    }

    [Step(Name = "Print")]
    private ValueTask<string> Label(string sku, int index)
    {
        StepLog.Ran(nameof(Label));
        return new($"{sku}#{index}");
    }

    [Step]
    private static Task<int> Number()
    {
        StepLog.Ran(nameof(Number));
        return Task.FromResult(7);
    }
}

public static class Tax
{
    [Step]
    public static Task<decimal> Apply(decimal amount)
    {
        StepLog.Ran(nameof(Apply));
        return Task.FromResult(amount * 1.2m);
    }

    [Step]
    internal static Task<string> Note(string sku)
    {
        StepLog.Ran(nameof(Note));
        return Task.FromResult($"noted-{sku}");
    }
}

public sealed class Notifier
{
    /// <summary>Receives the step's cancellation token, whatever the caller passed.</summary>
    [Step]
    public async Task Notify(string sku, CancellationToken cancellationToken)
    {
        StepLog.Ran(nameof(Notify));
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
