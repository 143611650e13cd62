using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1010: ConfigureAwait(false), or ConfigureAwaitOptions without ContinueOnCapturedContext.</summary>
internal sealed class ConfigureAwaitCheck : IWorkflowCodeCheck
{
    private const int ContinueOnCapturedContext = 1;

    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        if (operation is not IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Arguments.Length: 1 } invocation) return;
        var argument = invocation.Arguments[0];
        if (!Api.InNamespace(invocation.TargetMethod.ContainingType, "System.Threading.Tasks")) return;
        var leavesScheduler = argument.Value.ConstantValue switch
        {
            { HasValue: true, Value: bool continueOnContext } => !continueOnContext,
            { HasValue: true, Value: int options } => (options & ContinueOnCapturedContext) == 0,
            _ => false,
        };
        if (leavesScheduler) facts.Add(DiagnosticDescriptors.ConfigureAwait, invocation.Syntax.GetLocation(), "ConfigureAwait(false)");
    }
}
