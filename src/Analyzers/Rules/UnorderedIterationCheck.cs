using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF1011: a foreach over, or a LINQ chain rooted in, a collection without a defined order (hash sets,
/// dictionaries) whose body makes durable calls. With randomized string hashing the order, and so the operation
/// IDs, can differ from one process to the next.
/// </summary>
internal sealed class UnorderedIterationCheck : IWorkflowCodeCheck
{
    private static readonly ImmutableArray<string> UnorderedTypes =
    [
        "System.Collections.Generic.HashSet`1", "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.Dictionary`2.KeyCollection", "System.Collections.Generic.Dictionary`2.ValueCollection",
        "System.Collections.Concurrent.ConcurrentDictionary`2", "System.Collections.Concurrent.ConcurrentBag`1",
        "System.Collections.Immutable.ImmutableHashSet`1", "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Hashtable", "System.Collections.Frozen.FrozenSet`1", "System.Collections.Frozen.FrozenDictionary`2",
    ];

    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Loop, OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        switch (operation)
        {
            case IForEachLoopOperation loop when IsUnordered(Api.Unwrap(loop.Collection).Type) && DurableCalls.Within(loop.Body, types):
                var collection = Api.Unwrap(loop.Collection);
                facts.Add(DiagnosticDescriptors.UnorderedIteration, collection.Syntax.GetLocation(), collection.Syntax.ToString(), collection.Type!.Name);
                break;
            case IInvocationOperation linq when IsEnumerable(linq.TargetMethod) && linq.Arguments.Skip(1).Any(a => DurableCalls.Within(a.Value, types)):
                if (UnorderedSource(linq) is { } source)
                    facts.Add(DiagnosticDescriptors.UnorderedIteration, source.Syntax.GetLocation(), source.Syntax.ToString(), source.Type!.Name);
                break;
        }
    }

    /// <summary>The root of the LINQ chain when it is unordered and nothing in the chain orders it.</summary>
    private static IOperation? UnorderedSource(IInvocationOperation linq)
    {
        IOperation current = linq;
        while (current is IInvocationOperation { Arguments.Length: > 0 } call && IsEnumerable(call.TargetMethod))
        {
            if (call != linq && call.TargetMethod.Name.StartsWith("Order", System.StringComparison.Ordinal)) return null;
            current = Api.Unwrap(call.Arguments[0].Value);
        }
        return IsUnordered(current.Type) ? current : null;
    }

    private static bool IsEnumerable(IMethodSymbol method) =>
        Api.Is(method.ContainingType, "System.Linq.Enumerable") || Api.Is(method.ContainingType, "System.Linq.ParallelEnumerable");

    private static bool IsUnordered(ITypeSymbol? type) => type is not null && UnorderedTypes.Any(name => Api.Is(type, name));
}
