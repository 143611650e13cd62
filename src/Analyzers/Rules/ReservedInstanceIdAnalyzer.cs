using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF2001: a constant instance ID with the reserved '::sub::' marker or 'sub::' prefix. An error where it starts a
/// workflow (the client rejects it at run time); information on explicit child-ID parameters, where it is allowed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReservedInstanceIdAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.ReservedInstanceId];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownTypes.Create(start.Compilation) is not { } types) return;
            start.RegisterOperationAction(c => AnalyzeArgument(c, types), OperationKind.Argument);
            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, KnownTypes types)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { } parameter || Reserved(argument.Value) is not { } found) return;
        if (KnownTypes.HasAttribute(parameter, types.ChildInstanceIdAttribute))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReservedInstanceId, argument.Value.Syntax.GetLocation(), DiagnosticSeverity.Info,
                null, null, found.Id, found.Marker, "explicit child IDs may use it on purpose, but then must never equal an ID the runtime derives"));
        }
        else if (parameter.Name == "instanceId" && StartsWorkflows(parameter.ContainingSymbol as IMethodSymbol, types))
        {
            Report(context, argument.Value, found);
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "InstanceId" } property }
            && SymbolEqualityComparer.Default.Equals(property.ContainingType, types.StartWorkflowOptions)
            && Reserved(assignment.Value) is { } found)
            Report(context, assignment.Value, found);
    }

    private static void Report(OperationAnalysisContext context, IOperation value, (string Id, string Marker) found) =>
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReservedInstanceId, value.Syntax.GetLocation(),
            found.Id, found.Marker, "the client rejects it when the workflow starts: choose an ID without it"));

    /// <summary>Client methods and generated typed-client extensions (their first parameter is the client).</summary>
    private static bool StartsWorkflows(IMethodSymbol? method, KnownTypes types) =>
        method is not null
        && (IsClient(method.ContainingType, types)
            || SymbolEqualityComparer.Default.Equals(method.ContainingType, types.StartWorkflowOptions)
            || (method.IsExtensionMethod && method.Parameters.Length > 0 && IsClient(method.Parameters[0].Type, types)));

    private static bool IsClient(ITypeSymbol type, KnownTypes types) =>
        SymbolEqualityComparer.Default.Equals(type, types.WorkflowClient) || SymbolEqualityComparer.Default.Equals(type, types.WorkflowClientInterface);

    private static (string Id, string Marker)? Reserved(IOperation value)
    {
        if (value.ConstantValue is not { HasValue: true, Value: string id }) return null;
        if (id.Contains("::sub::")) return (id, "contains '::sub::'");
        if (id.StartsWith("sub::", System.StringComparison.Ordinal)) return (id, "starts with 'sub::'");
        return null;
    }
}
