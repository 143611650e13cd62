using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF2004: a constant passed to a parameter marked [ChildInstanceId] inside a loop (or a lambda that LINQ runs per
/// item): every iteration asks for the same child.
/// </summary>
internal sealed class ChildIdInLoopCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Argument];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        if (operation is not IArgumentOperation { Parameter: { } parameter, Value.ConstantValue: { HasValue: true, Value: string id } } argument) return;
        if (!KnownTypes.HasAttribute(parameter, types.ChildInstanceIdAttribute)) return;
        if (!operation.Ancestors().Any(a => a is ILoopOperation or IAnonymousFunctionOperation)) return;
        facts.Add(DiagnosticDescriptors.ConstantChildIdInLoop, argument.Value.Syntax.GetLocation(), id);
    }
}
