using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF1008: awaiting a task from outside the durable API and outside this compilation (whose methods are analyzed as
/// workflow code themselves). Combinators and Task.Yield are fine; APIs another rule names are left to that rule.
/// </summary>
internal sealed class NonDurableAwaitCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Await];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        var awaited = Api.Unwrap(((IAwaitOperation)operation).Operation);
        if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured }) awaited = Api.Unwrap(configured);
        if (awaited is not IInvocationOperation { TargetMethod: var method }) return;

        if (types.IsDurableCall(method) || method.MethodKind == MethodKind.DelegateInvoke) return; // delegates: DelegateAwaits
        if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, types.Compilation.Assembly)) return;
        if (IsTaskCombinator(method)) return;
        if (InputOutputCheck.IsInputOutput(method) || ThreadingCheck.IsThreading(method)) return;
        if (method.Name is "Delay" or "Sleep") return; // WF1004
        facts.Add(DiagnosticDescriptors.NonDurableAwait, awaited.Syntax.GetLocation(), Api.Name(method));
    }

    private static bool IsTaskCombinator(IMethodSymbol method) =>
        (Api.Is(method.ContainingType, "System.Threading.Tasks.Task") || Api.Is(method.ContainingType, "System.Threading.Tasks.ValueTask"))
        && method.Name is "WhenAll" or "WhenAny" or "WhenEach" or "FromResult" or "FromException" or "FromCanceled" or "Yield" or "Delay" or "AsTask";
}
