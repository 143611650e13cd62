using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1001: DateTime/DateTimeOffset.Now/UtcNow/Today and TimeProvider reads.</summary>
internal sealed class WallClockCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.PropertyReference, OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property: var property } when Api.Is(property.ContainingType, "System.DateTime"):
                var forDateTime = property.Name switch
                {
                    "UtcNow" => "Workflow.UtcNow",
                    "Now" => "Workflow.UtcNow.ToLocalTime()",
                    "Today" => "Workflow.UtcNow.ToLocalTime().Date",
                    _ => null,
                };
                if (forDateTime is not null) facts.Add(DiagnosticDescriptors.WallClock, operation.Syntax.GetLocation(), Api.Name(property), forDateTime, Qualified(forDateTime));
                break;
            case IPropertyReferenceOperation { Property: var property } when Api.Is(property.ContainingType, "System.DateTimeOffset"):
                var forOffset = property.Name switch
                {
                    "UtcNow" => "new DateTimeOffset(Workflow.UtcNow)",
                    "Now" => "new DateTimeOffset(Workflow.UtcNow).ToLocalTime()",
                    _ => null,
                };
                if (forOffset is not null) facts.Add(DiagnosticDescriptors.WallClock, operation.Syntax.GetLocation(), Api.Name(property), forOffset, Qualified(forOffset));
                break;
            case IPropertyReferenceOperation { Property: { Name: "System" } property } when Api.Is(property.ContainingType, "System.TimeProvider"):
                facts.Add(DiagnosticDescriptors.WallClock, operation.Syntax.GetLocation(), "TimeProvider.System", "Workflow.UtcNow");
                break;
            case IInvocationOperation { TargetMethod: { Name: "GetUtcNow" or "GetLocalNow" or "GetTimestamp" } method } when Api.Is(method.ContainingType, "System.TimeProvider"):
                facts.Add(DiagnosticDescriptors.WallClock, operation.Syntax.GetLocation(), Api.Name(method), "Workflow.UtcNow");
                break;
        }
    }

    private static string Qualified(string replacement) => replacement
        .Replace("new DateTimeOffset(", "new global::System.DateTimeOffset(")
        .Replace("Workflow.UtcNow", "global::Workflows.Workflow.UtcNow");
}
