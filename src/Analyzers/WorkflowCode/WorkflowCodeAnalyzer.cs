using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.Rules;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>
/// Runs the determinism checks over workflow code: the bodies of [Workflow] methods (their lambdas and local
/// functions included, step-body lambdas excluded), reported as they are typed, and the code of this compilation
/// that workflow code runs, transitively — methods, property and indexer accessors, operators, conversions,
/// constructors and initializers (<see cref="CodeUnits"/>) — reported at compilation end with the call chain.
/// [Step] methods are never analyzed: steps may do anything.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkflowCodeAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<IWorkflowCodeCheck> Checks =
    [
        new WallClockCheck(), new NewGuidCheck(), new RandomCheck(), new DelayCheck(), new EnvironmentCheck(),
        new InputOutputCheck(), new ThreadingCheck(), new NonDurableAwaitCheck(), new MutableStaticCheck(),
        new ConfigureAwaitCheck(), new UnorderedIterationCheck(), new UnobservedDurableCallCheck(), new LockCheck(), new HashCodeCheck(),
        new HashOrderCheck(), new ChildIdInLoopCheck(),
    ];

    private static readonly ImmutableArray<OperationKind> UnitKinds =
    [
        OperationKind.Invocation, OperationKind.MethodReference, OperationKind.PropertyReference, OperationKind.FieldReference,
        OperationKind.ObjectCreation, OperationKind.Binary, OperationKind.Unary, OperationKind.CompoundAssignment,
        OperationKind.Increment, OperationKind.Decrement, OperationKind.Conversion,
    ];

    private static readonly ImmutableArray<OperationKind> Kinds = [.. Checks.SelectMany(c => c.Kinds).Concat(UnitKinds).Distinct()];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [.. DiagnosticDescriptors.WorkflowCodeRules.SelectMany(r => new[] { r.Direct, r.Reached })];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownTypes.Create(start.Compilation) is not { } types) return;
            var facts = new ConcurrentDictionary<ISymbol, CodeFacts>(SymbolEqualityComparer.Default);

            start.RegisterOperationBlockStartAction(block =>
            {
                if (types.IsStep(block.OwningSymbol) || CodeUnits.OfBlock(block.OwningSymbol) is not { } unit) return;
                // A type's initializer spans several blocks (static constructor, each static initializer): one facts.
                var collected = unit is INamedTypeSymbol ? facts.GetOrAdd(unit, u => new CodeFacts(u)) : new CodeFacts(unit);
                block.RegisterOperationAction(operation => Analyze(operation.Operation, types, collected), Kinds);
                block.RegisterOperationBlockEndAction(end =>
                {
                    facts[unit] = collected;
                    if (!types.IsWorkflowCodeRoot(unit)) return;
                    foreach (var finding in collected.Findings)
                        end.ReportDiagnostic(finding.ToDiagnostic(finding.Rule.Direct, ""));
                });
            });

            start.RegisterCompilationEndAction(end => CallChains.ReportReached(facts, types, end.ReportDiagnostic));
        });
    }

    private static void Analyze(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        if (IsInStepBody(operation, types)) return;
        if (UnitKinds.Contains(operation.Kind))
        {
            foreach (var unit in CodeUnits.RunBy(operation, types.Compilation)) facts.AddCall(unit);
        }
        foreach (var check in Checks)
        {
            if (check.Kinds.Contains(operation.Kind)) check.Check(operation, types, facts);
        }
    }

    /// <summary>Whether the operation sits in a lambda passed as the body of Workflow.RunStepAsync: step code.</summary>
    private static bool IsInStepBody(IOperation operation, KnownTypes types)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IArgumentOperation { Parameter: { } parameter }
                && parameter.ContainingSymbol is IMethodSymbol { Name: "RunStepAsync" } owner
                && SymbolEqualityComparer.Default.Equals(owner.ContainingType, types.Workflow))
                return true;
        }
        return false;
    }
}
