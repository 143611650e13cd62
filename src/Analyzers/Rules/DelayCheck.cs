using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1004: Task.Delay and Thread.Sleep.</summary>
internal sealed class DelayCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, MethodFacts facts)
    {
        if (operation is not IInvocationOperation { TargetMethod: var method }) return;
        if (method.Name == "Delay" && Api.Is(method.ContainingType, "System.Threading.Tasks.Task"))
            facts.Add(DiagnosticDescriptors.Delay, operation.Syntax.GetLocation(), "Task.Delay", "Workflow.DelayAsync, a durable timer", "global::Workflows.Workflow.DelayAsync");
        else if (method.Name == "Sleep" && Api.Is(method.ContainingType, "System.Threading.Thread"))
            facts.Add(DiagnosticDescriptors.Delay, operation.Syntax.GetLocation(), "Thread.Sleep", "await Workflow.DelayAsync, a durable timer");
    }
}
