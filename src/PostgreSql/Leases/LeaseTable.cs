using System.Diagnostics;

namespace Workflows.PostgreSql.Leases;

/// <summary>
/// The leases this worker was granted, by instance. A lease it lost or gave up stays as a tombstone for a while, so a
/// late write of a runner that still believes it owns the instance is refused instead of being taken for a write
/// that needs no lease (a client's).
/// </summary>
internal sealed class LeaseTable
{
    private static readonly TimeSpan TombstoneLifetime = TimeSpan.FromMinutes(10);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    /// <summary>Records leases granted by a claim that committed at <paramref name="grantedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Granted(IEnumerable<(string InstanceId, long Epoch)> granted, long grantedAt)
    {
        lock (_gate)
        {
            foreach (var (id, epoch) in granted) _leases[id] = new Lease(epoch, LeaseState.Held, grantedAt);
        }
    }

    public Lease? Find(string instanceId)
    {
        lock (_gate) return _leases.GetValueOrDefault(instanceId);
    }

    public bool Holds(string instanceId)
    {
        lock (_gate) return _leases.TryGetValue(instanceId, out var lease) && lease.State == LeaseState.Held;
    }

    /// <summary>Marks the lease as given up or lost, if it is still the one with <paramref name="epoch"/>; true when it was held.</summary>
    public bool End(string instanceId, long epoch, LeaseState state)
    {
        lock (_gate)
        {
            if (!_leases.TryGetValue(instanceId, out var lease) || lease.Epoch != epoch || lease.State != LeaseState.Held) return false;
            _leases[instanceId] = lease with { State = state, Since = Stopwatch.GetTimestamp() };
            return true;
        }
    }

    /// <summary>
    /// Forgets a lost or given-up lease of an instance that was created anew. A held lease stays: the new instance may
    /// already have been claimed here between its commit and this call.
    /// </summary>
    public void ForgetTombstone(string instanceId)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(instanceId, out var lease) && lease.State != LeaseState.Held) _leases.Remove(instanceId);
        }
    }

    /// <summary>The leases held, granted before <paramref name="before"/>.</summary>
    public List<(string InstanceId, long Epoch)> HeldBefore(long before)
    {
        lock (_gate) return [.. _leases.Where(l => l.Value.State == LeaseState.Held && l.Value.Since < before).Select(l => (l.Key, l.Value.Epoch))];
    }

    /// <summary>Drops tombstones old enough that no runner of theirs can still be writing.</summary>
    public void DropOldTombstones()
    {
        lock (_gate)
        {
            foreach (var (id, lease) in _leases.Where(l => l.Value.State != LeaseState.Held && Stopwatch.GetElapsedTime(l.Value.Since) > TombstoneLifetime).ToList())
                _leases.Remove(id);
        }
    }
}

/// <summary>A lease of one instance: the epoch the database granted it with, whether it is still held, and since when.</summary>
internal sealed record Lease(long Epoch, LeaseState State, long Since);

/// <summary>States of a <see cref="Lease"/>.</summary>
internal enum LeaseState
{
    /// <summary>Held and renewed by this worker.</summary>
    Held,
    /// <summary>Given up by this worker (the instance waits, or the worker stops).</summary>
    Released,
    /// <summary>Expired or taken over: this worker must not touch the instance.</summary>
    Lost,
}
