namespace Workflows.Generator.Tests.Scenarios;

/// <summary>A workflow changed by updates that call steps, with a validator.</summary>
public sealed class CartWorkflows
{
    private readonly List<string> _items = [];
    private bool _checkedOut;

    [Workflow]
    public async Task<string> Shop(string customer)
    {
        await Workflow.WaitConditionAsync(() => _checkedOut && Workflow.AllHandlersFinished);
        return $"{customer}:{string.Join(",", _items)}";
    }

    [Update]
    public async Task<int> AddItem(string sku)
    {
        _items.Add(await Reserve(sku));
        return _items.Count;
    }

    [UpdateValidator(nameof(AddItem))]
    public void ValidateAddItem(string sku)
    {
        if (_checkedOut) throw new InvalidOperationException("checked out already");
        if (string.IsNullOrWhiteSpace(sku)) throw new ArgumentException("a SKU is required", nameof(sku));
    }

    [Update]
    public Task CheckOut()
    {
        _checkedOut = true;
        return Task.CompletedTask;
    }

    [Step]
    private Task<string> Reserve(string sku)
    {
        StepLog.Ran("Reserve");
        return Task.FromResult($"held-{sku}");
    }
}
