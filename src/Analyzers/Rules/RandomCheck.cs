using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1003: new Random() without a seed, Random.Shared, RandomNumberGenerator. A seeded Random is deterministic.</summary>
internal sealed class RandomCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.ObjectCreation, OperationKind.PropertyReference, OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Arguments.Length: 0, Type: var type } when Api.Is(type, "System.Random"):
                facts.Add(DiagnosticDescriptors.Random, operation.Syntax.GetLocation(), "new Random()", "Workflow.Random", "global::Workflows.Workflow.Random");
                break;
            case IPropertyReferenceOperation { Property: { Name: "Shared" } property } when Api.Is(property.ContainingType, "System.Random"):
                facts.Add(DiagnosticDescriptors.Random, operation.Syntax.GetLocation(), "Random.Shared", "Workflow.Random", "global::Workflows.Workflow.Random");
                break;
            case IInvocationOperation { TargetMethod: { IsStatic: true } method } when Api.Is(method.ContainingType, "System.Security.Cryptography.RandomNumberGenerator"):
                facts.Add(DiagnosticDescriptors.Random, operation.Syntax.GetLocation(), Api.Name(method), "Workflow.Random");
                break;
        }
    }
}
