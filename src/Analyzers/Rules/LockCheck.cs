using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1013: lock statements, Monitor, and the thread synchronization primitives.</summary>
internal sealed class LockCheck : IWorkflowCodeCheck
{
    private static readonly ImmutableArray<string> SynchronizationTypes =
    [
        "System.Threading.Monitor", "System.Threading.SemaphoreSlim", "System.Threading.Semaphore", "System.Threading.Mutex",
        "System.Threading.ReaderWriterLockSlim", "System.Threading.ReaderWriterLock", "System.Threading.Lock",
    ];

    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Lock, OperationKind.Invocation, OperationKind.ObjectCreation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        switch (operation)
        {
            case ILockOperation:
                facts.Add(DiagnosticDescriptors.Locking, operation.Syntax.GetFirstToken().GetLocation(), "lock");
                break;
            case IInvocationOperation { TargetMethod: var method } when IsSynchronization(method.ContainingType):
                facts.Add(DiagnosticDescriptors.Locking, operation.Syntax.GetLocation(), Api.Name(method));
                break;
            case IObjectCreationOperation { Type: var type } when IsSynchronization(type):
                facts.Add(DiagnosticDescriptors.Locking, operation.Syntax.GetLocation(), $"new {type!.Name}(...)");
                break;
        }
    }

    private static bool IsSynchronization(ITypeSymbol? type) => type is not null && SynchronizationTypes.Any(name => Api.Is(type, name));
}
