using System.Collections.Concurrent;

namespace Workflows.Hosting.Tests;

public sealed record Cart(string Id, IReadOnlyList<string> Items);

/// <summary>A singleton dependency.</summary>
public sealed class PriceList
{
    public decimal this[string item] => item.Length;
}

/// <summary>A scoped dependency that records its lifetime, to show one scope per workflow run.</summary>
public sealed class RunScope(ScopeLog log) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => log.Disposed.Add(Id);
}

public sealed class ScopeLog
{
    public ConcurrentBag<Guid> Created { get; } = [];

    public ConcurrentBag<Guid> Disposed { get; } = [];
}

/// <summary>Lets a test hold the settle step open and count its live runs.</summary>
public sealed class SettleLatch
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;

    public SettleLatch(bool open = true)
    {
        if (open) Open();
    }

    public int Runs => Volatile.Read(ref _runs);

    public Task Entered => _entered.Task;

    public void Open() => _opened.TrySetResult();

    public async Task WaitAsync(CancellationToken token)
    {
        Interlocked.Increment(ref _runs);
        _entered.TrySetResult();
        await _opened.Task.WaitAsync(token);
    }
}

public sealed class CheckoutWorkflows(PriceList prices, RunScope scope, ScopeLog log, SettleLatch latch)
{
    [Workflow]
    public async Task<decimal> Total(Cart cart)
    {
        log.Created.Add(scope.Id);
        var sum = 0m;
        foreach (var item in cart.Items) sum += await Price(item);
        await Settle(cart.Id, default);
        return sum;
    }

    [Step]
    private Task<decimal> Price(string item) => Task.FromResult(prices[item]);

    [Step]
    private async Task<string> Settle(string cartId, CancellationToken cancellationToken)
    {
        await latch.WaitAsync(cancellationToken);
        return cartId;
    }
}
