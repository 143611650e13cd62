using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1012: a durable call whose task is dropped: a bare statement or a discard.</summary>
internal sealed class UnobservedDurableCallCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.ExpressionStatement];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        var expression = Api.Unwrap(((IExpressionStatementOperation)operation).Operation);
        if (expression is ISimpleAssignmentOperation { Target: IDiscardOperation, Value: var discarded }) expression = Api.Unwrap(discarded);
        if (expression is not IInvocationOperation { TargetMethod: var method } invocation || !types.IsDurableCall(method)) return;
        if (!Api.InNamespace(method.ReturnType, "System.Threading.Tasks")) return;
        facts.Add(DiagnosticDescriptors.UnobservedDurableCall, invocation.Syntax.GetLocation(), method.Name);
    }
}
