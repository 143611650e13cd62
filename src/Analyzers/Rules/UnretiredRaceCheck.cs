using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF1016: an event wait raced in Task.WhenAny (or Workflow.WhenAny) — written in the call or through a local —
/// with neither a timeout nor a cancellation token. If it loses, it stays registered and takes a later event of its
/// name as soon as no newer wait of that name is pending.
/// </summary>
internal sealed class UnretiredRaceCheck : IWorkflowCodeCheck
{
    /// <summary>The value of the finding's fix property: the fixer adds a token and cancels it after the race.</summary>
    public const string RetireFix = "retire";

    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        var race = (IInvocationOperation)operation;
        if (race.TargetMethod.Name != "WhenAny") return;
        if (!Api.Is(race.TargetMethod.ContainingType, "System.Threading.Tasks.Task") && !SymbolEqualityComparer.Default.Equals(race.TargetMethod.ContainingType, types.Workflow)) return;
        foreach (var entrant in Entrants(race))
        {
            if (EventWait(entrant, types) is not { } wait || CanRetire(wait)) continue;
            var name = wait.Arguments.FirstOrDefault(a => a.Parameter?.Name == "name")?.Value.Syntax.ToString() ?? "the event";
            facts.Add(DiagnosticDescriptors.UnretiredRace, wait.Syntax.GetLocation(), name, "", RetireFix);
        }
    }

    private static IEnumerable<IOperation> Entrants(IInvocationOperation race)
    {
        foreach (var argument in race.Arguments)
        {
            var value = Api.Unwrap(argument.Value);
            switch (value)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.ElementValues) yield return Api.Unwrap(element);
                    break;
                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements) yield return Api.Unwrap(element);
                    break;
                default:
                    yield return value;
                    break;
            }
        }
    }

    /// <summary>The WaitForEventAsync call an entrant is, directly or as the initializer of a local.</summary>
    private static IInvocationOperation? EventWait(IOperation entrant, KnownTypes types)
    {
        var value = entrant;
        if (entrant is ILocalReferenceOperation { Local: var local })
        {
            value = entrant.Root().Descendants().OfType<IVariableDeclaratorOperation>()
                .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))?.Initializer?.Value is { } initial ? Api.Unwrap(initial) : entrant;
        }
        return value is IInvocationOperation { TargetMethod.Name: "WaitForEventAsync" } call
            && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, types.Workflow) ? call : null;
    }

    private static bool CanRetire(IInvocationOperation wait) =>
        wait.Arguments.Any(a => a.Parameter?.Name is "timeout" or "cancellationToken" && a.ArgumentKind != ArgumentKind.DefaultValue && !IsNothing(a.Value));

    private static bool IsNothing(IOperation value) => Api.Unwrap(value) switch
    {
        ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation => true,
        IPropertyReferenceOperation { Property.Name: "None" } none => Api.Is(none.Type, "System.Threading.CancellationToken"),
        _ => false,
    };
}
