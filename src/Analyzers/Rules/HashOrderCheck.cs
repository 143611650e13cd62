using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF1015: the order of a collection without a defined order observed without a loop: First, Last, ElementAt,
/// Take/Skip, ToList/ToArray, Aggregate, Zip and the like over a hash set's or dictionary's items (through any LINQ
/// chain that orders nothing), string.Join/Concat of them, or a list, queue or stack filled from them. Left alone:
/// chains whose lambdas make durable calls (WF1011 reports those), results that only get counted, searched or
/// ordered, and a list sorted in the same method.
/// </summary>
internal sealed class HashOrderCheck : IWorkflowCodeCheck
{
    private static readonly ImmutableHashSet<string> OrderObserving =
    [
        "First", "FirstOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault", "Take", "TakeLast", "Skip",
        "SkipLast", "TakeWhile", "SkipWhile", "ToList", "ToArray", "Aggregate", "Zip", "Chunk", "SequenceEqual", "Index",
    ];

    private static readonly ImmutableHashSet<string> OrderInsensitive =
    [
        "Count", "LongCount", "Any", "All", "Contains", "Sum", "Min", "Max", "MinBy", "MaxBy", "ToHashSet", "ToDictionary",
        "Order", "OrderBy", "OrderDescending", "OrderByDescending", "Single", "SingleOrDefault",
    ];

    private static readonly ImmutableArray<string> FilledCollections =
        ["System.Collections.Generic.List`1", "System.Collections.Generic.Queue`1", "System.Collections.Generic.Stack`1"];

    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation, OperationKind.ObjectCreation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        var (observer, items) = operation switch
        {
            IInvocationOperation call when UnorderedSources.IsEnumerable(call.TargetMethod) && OrderObserving.Contains(call.TargetMethod.Name) =>
                (call.TargetMethod.Name + "()", call.Arguments[0].Value),
            IInvocationOperation { TargetMethod: { Name: "Join" or "Concat", ContainingType.SpecialType: SpecialType.System_String } join } call =>
                ($"string.{join.Name}", call.Arguments.LastOrDefault()?.Value),
            IInvocationOperation { TargetMethod.Name: "AddRange" or "InsertRange" or "EnqueueRange" or "PushRange" } call when IsFilled(call.TargetMethod.ContainingType) =>
                (call.TargetMethod.Name + "()", call.Arguments.LastOrDefault()?.Value),
            IObjectCreationOperation { Type: { } created, Arguments.Length: 1 } creation when IsFilled(created) =>
                ($"new {created.Name}()", creation.Arguments[0].Value),
            _ => (null, null),
        };
        if (observer is null || items is null || UnorderedSources.Of(items) is not { } source) return;
        if (ObservedEarlier(items) || DurableCalls.Within(operation, types) || OnlyCountedOrOrdered(operation) || SortedLater(operation)) return;
        facts.Add(DiagnosticDescriptors.HashOrder, operation.Syntax.GetLocation(), $"{observer} over '{source.Syntax}'", source.Type!.Name);
    }

    /// <summary>Whether a call further down the chain already observes the order (it is reported, not this one).</summary>
    private static bool ObservedEarlier(IOperation items)
    {
        for (var current = Api.Unwrap(items); current is IInvocationOperation { Arguments.Length: > 0 } call && UnorderedSources.IsEnumerable(call.TargetMethod);
             current = Api.Unwrap(call.Arguments[0].Value))
        {
            if (OrderObserving.Contains(call.TargetMethod.Name)) return true;
        }
        return false;
    }

    private static bool IsFilled(ITypeSymbol? type) => FilledCollections.Any(name => Api.Is(type, name));

    /// <summary>Whether the ordered result goes straight into something that ignores its order.</summary>
    private static bool OnlyCountedOrOrdered(IOperation operation)
    {
        var parent = operation.Parent is IConversionOperation conversion ? conversion.Parent : operation.Parent;
        if (parent is IArgumentOperation { Parent: IInvocationOperation consumer } && UnorderedSources.IsEnumerable(consumer.TargetMethod))
            return OrderInsensitive.Contains(consumer.TargetMethod.Name);
        // A list or array made from the items and only counted, sorted or searched in place.
        var isCollection = operation.Type is IArrayTypeSymbol || IsFilled(operation.Type);
        return isCollection && parent is IPropertyReferenceOperation { Property.Name: "Count" or "Length" } or IInvocationOperation { TargetMethod.Name: "Sort" or "Contains" };
    }

    /// <summary>Whether the result is stored in a local that the same method sorts (list.Sort() or Array.Sort(array)).</summary>
    private static bool SortedLater(IOperation operation)
    {
        var parent = operation.Parent is IConversionOperation conversion ? conversion.Parent : operation.Parent;
        if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }) return false;
        return operation.Root().Descendants().OfType<IInvocationOperation>().Any(call => call.TargetMethod.Name == "Sort"
            && (IsLocal(call.Instance, local) || call.Arguments.Any(a => IsLocal(a.Value, local))));
    }

    private static bool IsLocal(IOperation? operation, ILocalSymbol local) =>
        operation is not null && Api.Unwrap(operation) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
}
