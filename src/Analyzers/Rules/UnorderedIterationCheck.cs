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
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Loop, OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        switch (operation)
        {
            case IForEachLoopOperation loop when UnorderedSources.IsUnordered(Api.Unwrap(loop.Collection).Type) && DurableCalls.Within(loop.Body, types):
                var collection = Api.Unwrap(loop.Collection);
                facts.Add(DiagnosticDescriptors.UnorderedIteration, collection.Syntax.GetLocation(), collection.Syntax.ToString(), collection.Type!.Name);
                break;
            case IInvocationOperation linq when UnorderedSources.IsEnumerable(linq.TargetMethod) && linq.Arguments.Skip(1).Any(a => DurableCalls.Within(a.Value, types)):
                if (UnorderedSources.Of(linq.Arguments[0].Value) is { } source)
                    facts.Add(DiagnosticDescriptors.UnorderedIteration, source.Syntax.GetLocation(), source.Syntax.ToString(), source.Type!.Name);
                break;
        }
    }
}
