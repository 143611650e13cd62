using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1002: Guid.NewGuid and Guid.CreateVersion7.</summary>
internal sealed class NewGuidCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        if (operation is IInvocationOperation { TargetMethod: { Name: "NewGuid" or "CreateVersion7" } method } && Api.Is(method.ContainingType, "System.Guid"))
            facts.Add(DiagnosticDescriptors.NewGuid, operation.Syntax.GetLocation(), Api.Name(method) + "()", "Workflow.NewGuid()", "global::Workflows.Workflow.NewGuid()");
    }
}
