using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// Collections without a defined order (hash sets, dictionaries and their keys and values, concurrent, immutable and
/// frozen hash collections), and the LINQ chains rooted in one that nothing in the chain orders.
/// </summary>
internal static class UnorderedSources
{
    private static readonly ImmutableArray<string> UnorderedTypes =
    [
        "System.Collections.Generic.HashSet`1", "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.Dictionary`2.KeyCollection", "System.Collections.Generic.Dictionary`2.ValueCollection",
        "System.Collections.Concurrent.ConcurrentDictionary`2", "System.Collections.Concurrent.ConcurrentBag`1",
        "System.Collections.Immutable.ImmutableHashSet`1", "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Hashtable", "System.Collections.Frozen.FrozenSet`1", "System.Collections.Frozen.FrozenDictionary`2",
    ];

    /// <summary>The unordered collection <paramref name="value"/> takes its items from, through a LINQ chain that orders nothing; or null.</summary>
    public static IOperation? Of(IOperation value)
    {
        var current = Api.Unwrap(value);
        while (current is IInvocationOperation { Arguments.Length: > 0 } call && IsEnumerable(call.TargetMethod))
        {
            if (call.TargetMethod.Name.StartsWith("Order", System.StringComparison.Ordinal)) return null;
            current = Api.Unwrap(call.Arguments[0].Value);
        }
        return IsUnordered(current.Type) ? current : null;
    }

    public static bool IsEnumerable(IMethodSymbol method) =>
        Api.Is(method.ContainingType, "System.Linq.Enumerable") || Api.Is(method.ContainingType, "System.Linq.ParallelEnumerable");

    public static bool IsUnordered(ITypeSymbol? type) => type is not null && UnorderedTypes.Any(name => Api.Is(type, name));
}
