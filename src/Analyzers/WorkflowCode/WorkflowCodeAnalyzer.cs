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
        new HashOrderCheck(), new UnretiredRaceCheck(), new ChildIdInLoopCheck(),
    ];

    private static readonly ImmutableArray<OperationKind> UnitKinds =
    [
        OperationKind.Invocation, OperationKind.MethodReference, OperationKind.PropertyReference, OperationKind.FieldReference,
        OperationKind.ObjectCreation, OperationKind.Binary, OperationKind.Unary, OperationKind.CompoundAssignment,
        OperationKind.Increment, OperationKind.Decrement, OperationKind.Conversion,
    ];

    private static readonly ImmutableArray<OperationKind> Kinds =
        [.. Checks.SelectMany(c => c.Kinds).Concat(UnitKinds).Concat(DelegateFlow.Kinds).Append(OperationKind.Await).Distinct()];

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
            var flow = new DelegateFlow(start.Compilation);
            var awaits = new DelegateAwaits(flow, types);

            start.RegisterOperationBlockStartAction(block =>
            {
                if (CodeUnits.OfBlock(block.OwningSymbol) is not { } unit) return;
                if (types.IsStep(block.OwningSymbol))
                {
                    // Step code is not checked, but a delegate it stores may be awaited by workflow code.
                    block.RegisterOperationAction(operation => flow.Record(operation.Operation, unit, inStep: true), DelegateFlow.Kinds);
                    return;
                }
                // A type's initializer spans several blocks (static constructor, each static initializer): one facts.
                var collected = unit is INamedTypeSymbol ? facts.GetOrAdd(unit, u => new CodeFacts(u)) : new CodeFacts(unit);
                block.RegisterOperationAction(operation => Analyze(operation.Operation, types, collected, flow, awaits), Kinds);
                block.RegisterOperationBlockEndAction(end =>
                {
                    facts[unit] = collected;
                    if (!types.IsWorkflowCodeRoot(unit)) return;
                    foreach (var finding in collected.Findings)
                        end.ReportDiagnostic(finding.ToDiagnostic(finding.Rule.Direct, ""));
                });
            });

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (owner, finding) in awaits.Judge(CallChains.WorkflowCode(facts, types)))
                {
                    if (types.IsWorkflowCodeRoot(owner.Unit)) end.ReportDiagnostic(finding.ToDiagnostic(finding.Rule.Reached, ""));
                }
                CallChains.ReportReached(facts, types, end.ReportDiagnostic);
            });
        });
    }

    private static void Analyze(IOperation operation, KnownTypes types, CodeFacts facts, DelegateFlow flow, DelegateAwaits awaits)
    {
        var inStep = IsInStepBody(operation, types);
        if (DelegateFlow.Kinds.Contains(operation.Kind)) flow.Record(operation, facts.Unit, inStep);
        if (inStep) return;
        if (operation is IAwaitOperation awaited && Api.Unwrap(awaited.Operation) is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: var target } invoke)
            awaits.Add(facts, invoke.Syntax.GetLocation(), Api.Name(invoke.TargetMethod), flow.Resolve(target, facts.Unit, inStep: false));
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
