using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF1004: Task.Delay and Thread.Sleep, and the timers hidden in other BCL types: a CancellationTokenSource that
/// cancels itself after a time, Task.WaitAsync with a timeout, System.Threading.Timer, System.Timers.Timer and
/// PeriodicTimer.
/// </summary>
internal sealed class DelayCheck : IWorkflowCodeCheck
{
    private const string DurableTimeout = "the wait's own timeout (WaitForEventAsync, WaitConditionAsync) or a Workflow.DelayAsync raced with Task.WhenAny, a durable timer";
    private const string DurableTicks = "Workflow.DelayAsync in a loop, a durable timer";

    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation, OperationKind.ObjectCreation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        if (operation is IObjectCreationOperation { Constructor: { } constructor })
        {
            CheckCreation(operation, constructor, facts);
            return;
        }
        if (operation is not IInvocationOperation { TargetMethod: var method }) return;
        if (method.Name == "CancelAfter" && Api.Is(method.ContainingType, "System.Threading.CancellationTokenSource"))
            facts.Add(DiagnosticDescriptors.Delay, operation.Syntax.GetLocation(), "CancellationTokenSource.CancelAfter", DurableTimeout);
        else if (method.Name == "WaitAsync" && (Api.Is(method.ContainingType, "System.Threading.Tasks.Task") || Api.Is(method.ContainingType, "System.Threading.Tasks.Task`1")) && method.Parameters.Any(IsTimeout))
            facts.Add(DiagnosticDescriptors.Delay, operation.Syntax.GetLocation(), "Task.WaitAsync with a timeout", DurableTimeout);
        if (method.Name == "Delay" && Api.Is(method.ContainingType, "System.Threading.Tasks.Task"))
            facts.Add(DiagnosticDescriptors.Delay, operation.Syntax.GetLocation(), "Task.Delay", "Workflow.DelayAsync, a durable timer", "global::Workflows.Workflow.DelayAsync");
        else if (method.Name == "Sleep" && Api.Is(method.ContainingType, "System.Threading.Thread"))
            facts.Add(DiagnosticDescriptors.Delay, operation.Syntax.GetLocation(), "Thread.Sleep", "await Workflow.DelayAsync, a durable timer");
    }

    private static void CheckCreation(IOperation operation, IMethodSymbol constructor, CodeFacts facts)
    {
        var type = constructor.ContainingType;
        if (Api.Is(type, "System.Threading.CancellationTokenSource") && constructor.Parameters.Length == 1 && IsTimeout(constructor.Parameters[0]))
            facts.Add(DiagnosticDescriptors.Delay, operation.Syntax.GetLocation(), "new CancellationTokenSource(delay)", DurableTimeout);
        else if (Api.Is(type, "System.Threading.Timer") || Api.Is(type, "System.Timers.Timer") || Api.Is(type, "System.Threading.PeriodicTimer"))
            facts.Add(DiagnosticDescriptors.Delay, operation.Syntax.GetLocation(), $"new {type.Name}", DurableTicks);
    }

    // A duration: TimeSpan, or milliseconds as an int.
    private static bool IsTimeout(IParameterSymbol parameter) =>
        Api.Is(parameter.Type, "System.TimeSpan") || parameter.Type.SpecialType == SpecialType.System_Int32;
}
