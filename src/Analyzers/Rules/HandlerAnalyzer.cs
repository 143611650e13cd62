using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF4002: a [Signal] method that cannot be called as a signal handler (static, generic, async or awaitable,
/// returning a value, by-reference or token parameters).
/// WF4001: a [Query] method that cannot be a query (static, generic, async or awaitable, void, by-reference or
/// token parameters) or that does what only workflow code may: a durable call, an await, an assignment to the
/// workflow object's state, a custom status. A query runs between deliveries and must leave replay unchanged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.QueryHandler, DiagnosticDescriptors.SignalHandler];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownTypes.Create(start.Compilation) is not { } types || KnownTypes.TypeByName(start.Compilation, "Workflows.QueryAttribute") is not { } query) return;
            start.RegisterSymbolAction(c => AnalyzeShape(c, query), SymbolKind.Method);
            if (KnownTypes.TypeByName(start.Compilation, "Workflows.SignalAttribute") is { } signal)
                start.RegisterSymbolAction(c => AnalyzeSignalShape(c, signal), SymbolKind.Method);
            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !KnownTypes.HasAttribute(method, query)) return;
                block.RegisterOperationAction(c => Report(c, method, "awaits; a query answers synchronously from the state the workflow keeps"), OperationKind.Await);
                block.RegisterOperationAction(c => AnalyzeInvocation(c, method, types), OperationKind.Invocation);
                block.RegisterOperationAction(c => AnalyzeAssignment(c, method), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment,
                    OperationKind.CoalesceAssignment, OperationKind.Increment, OperationKind.Decrement);
            });
        });
    }

    private static void AnalyzeShape(SymbolAnalysisContext context, INamedTypeSymbol query)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!KnownTypes.HasAttribute(method, query)) return;
        var problem = method.IsStatic ? "is static; a query reads the state of one instance's workflow object"
            : method.IsGenericMethod ? "is generic; a query needs one concrete signature"
            : method.ReturnsVoid ? "returns nothing; a query returns what it read"
            : method.IsAsync || IsAwaitable(method.ReturnType) ? "returns a task; a query answers synchronously from the state the workflow keeps"
            : method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None) is { } byRef ? $"takes '{byRef.Name}' by reference; queries take values"
            : method.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == "System.Threading.CancellationToken") is { } token ? $"takes the token '{token.Name}'; queries do not wait, so they take none"
            : null;
        if (problem is not null)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.QueryHandler, method.Locations.FirstOrDefault(), method.Name, problem));
    }

    private static void AnalyzeSignalShape(SymbolAnalysisContext context, INamedTypeSymbol signal)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!KnownTypes.HasAttribute(method, signal)) return;
        var problem = method.IsStatic ? "is static; a signal changes the state of one instance's workflow object"
            : method.IsGenericMethod ? "is generic; a signal needs one concrete signature"
            : method.IsAsync || IsAwaitable(method.ReturnType) ? "returns a task; a signal handler runs synchronously when the signal is delivered (wait on its effect with Workflow.WaitConditionAsync)"
            : !method.ReturnsVoid ? "returns a value, which nobody receives; make it void"
            : method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None) is { } byRef ? $"takes '{byRef.Name}' by reference; signals carry values"
            : method.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == "System.Threading.CancellationToken") is { } token ? $"takes the token '{token.Name}'; a signal handler does not wait, so it takes none"
            : null;
        if (problem is not null)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SignalHandler, method.Locations.FirstOrDefault(), method.Name, problem));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, IMethodSymbol query, KnownTypes types)
    {
        var target = ((IInvocationOperation)context.Operation).TargetMethod;
        if (types.IsDurableCall(target))
            Report(context, query, $"calls '{target.Name}', a durable call; only workflow code (or an update) may make one");
        else if (target.Name == "SetStatus" && SymbolEqualityComparer.Default.Equals(target.ContainingType, types.Workflow))
            Report(context, query, "sets the custom status; only workflow code may change what the instance stores");
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, IMethodSymbol query)
    {
        var target = context.Operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation change => change.Target,
            _ => null,
        };
        if (target is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member
            && member.Instance is IInstanceReferenceOperation
            && SymbolEqualityComparer.Default.Equals(member.Member.ContainingType, query.ContainingType))
            Report(context, query, $"assigns '{member.Member.Name}', state of the workflow; a query only reads it");
    }

    private static void Report(OperationAnalysisContext context, IMethodSymbol query, string problem) =>
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.QueryHandler, context.Operation.Syntax.GetLocation(), query.Name, problem));

    private static bool IsAwaitable(ITypeSymbol type) =>
        type.GetMembers("GetAwaiter").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && !m.IsStatic);
}
