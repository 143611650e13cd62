using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1005: Environment members, Stopwatch, the current process.</summary>
internal sealed class EnvironmentCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.PropertyReference, OperationKind.Invocation, OperationKind.ObjectCreation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        var member = operation switch
        {
            IPropertyReferenceOperation reference => (ISymbol)reference.Property,
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation { Constructor: { } constructor } => constructor,
            _ => null,
        };
        if (member?.ContainingType is not { } type) return;
        if (Api.Is(type, "System.Environment") && member.Name is not ("NewLine" or "Exit" or "FailFast"))
            facts.Add(DiagnosticDescriptors.Environment, operation.Syntax.GetLocation(), Api.Name(member));
        else if (Api.Is(type, "System.Diagnostics.Stopwatch") && (member.IsStatic || operation is IObjectCreationOperation))
            facts.Add(DiagnosticDescriptors.Environment, operation.Syntax.GetLocation(), operation is IObjectCreationOperation ? "new Stopwatch()" : Api.Name(member));
        else if (Api.Is(type, "System.Diagnostics.Process") && member.Name is "GetCurrentProcess")
            facts.Add(DiagnosticDescriptors.Environment, operation.Syntax.GetLocation(), Api.Name(member));
    }
}
