using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1007: Task.Run, TaskFactory.StartNew, Parallel, ThreadPool, new Thread, timers.</summary>
internal sealed class ThreadingCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation, OperationKind.ObjectCreation];

    public static bool IsThreading(ISymbol member)
    {
        var type = member.ContainingType;
        if (type is null) return false;
        if (member is IMethodSymbol { MethodKind: MethodKind.Constructor })
            return Api.Is(type, "System.Threading.Thread") || Api.Is(type, "System.Threading.Timer") || Api.Is(type, "System.Timers.Timer");
        return (member.Name == "Run" && Api.Is(type, "System.Threading.Tasks.Task"))
            || (member.Name == "StartNew" && Api.Is(type, "System.Threading.Tasks.TaskFactory"))
            || (member.Name == "StartNew" && Api.Is(type, "System.Threading.Tasks.TaskFactory`1"))
            || Api.Is(type, "System.Threading.Tasks.Parallel")
            || Api.Is(type, "System.Threading.ThreadPool");
    }

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        var member = operation switch
        {
            IInvocationOperation invocation => (ISymbol)invocation.TargetMethod,
            IObjectCreationOperation { Constructor: { } constructor } => constructor,
            _ => null,
        };
        if (member is null || !IsThreading(member)) return;
        var name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? $"new {member.ContainingType.Name}(...)" : Api.Name(member);
        facts.Add(DiagnosticDescriptors.Threading, operation.Syntax.GetLocation(), name);
    }
}
