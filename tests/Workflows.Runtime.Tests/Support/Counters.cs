using System.Collections.Concurrent;

namespace Workflows.Runtime.Tests.Support;

/// <summary>Counts live executions per key, from any thread.</summary>
public sealed class Counters
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public void Hit(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int this[string key] => _counts.GetValueOrDefault(key);

    public int Total => _counts.Values.Sum();
}
