using System.Collections.Concurrent;

namespace WebShop;

/// <summary>Stock held for orders; a stand-in for an inventory service.</summary>
public sealed class Inventory
{
    private readonly ConcurrentDictionary<string, string> _holds = new();

    public string Hold(string idempotencyKey, IReadOnlyList<OrderLine> lines) =>
        _holds.GetOrAdd(idempotencyKey, _ => $"hold-{lines.Sum(l => l.Quantity)}-{Guid.NewGuid():N}"[..16]);

    // Idempotent, as a release step must be: it runs again after a crash, and these holds live in memory, so after a
    // restart there may be nothing left to release.
    public void Release(string holdId)
    {
        foreach (var hold in _holds.Where(h => h.Value == holdId)) _holds.TryRemove(hold);
    }
}

/// <summary>A payment provider; it deduplicates by idempotency key, as real ones do.</summary>
public sealed class Payments
{
    private readonly ConcurrentDictionary<string, string> _charges = new();

    public string Charge(string idempotencyKey, decimal amount) =>
        _charges.GetOrAdd(idempotencyKey, _ => $"pay_{amount:0.00}_{Guid.NewGuid():N}"[..20]);
}
