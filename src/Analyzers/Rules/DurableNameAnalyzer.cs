using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF2002: two steps with one durable name where one of them chose it explicitly. WF2003: a [Step] or [Workflow]
/// name with a character that delimits operation IDs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DurableNameAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [DiagnosticDescriptors.DuplicateStepName, DiagnosticDescriptors.InvalidDurableName];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (KnownTypes.Create(start.Compilation) is not { } types) return;
            var steps = new ConcurrentBag<(string Name, IMethodSymbol Method, bool Explicit, Location Location)>();
            start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, types, steps), SymbolKind.Method);
            start.RegisterCompilationEndAction(end => ReportDuplicates(end, steps));
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, KnownTypes types, ConcurrentBag<(string, IMethodSymbol, bool, Location)> steps)
    {
        var method = (IMethodSymbol)context.Symbol;
        foreach (var attribute in method.GetAttributes())
        {
            var isStep = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.StepAttribute);
            var isWorkflow = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.WorkflowAttribute);
            if (!isStep && !isWorkflow) continue;
            var explicitName = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string;
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations.FirstOrDefault() ?? Location.None;
            if (explicitName is not null && Shared.DurableNameRule.Problem(explicitName) is { } problem)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidDurableName, location, isStep ? "Step" : "Workflow", explicitName, problem));
            if (isStep) steps.Add((explicitName ?? method.Name, method, explicitName is not null, location));
        }
    }

    private static void ReportDuplicates(CompilationAnalysisContext context, ConcurrentBag<(string Name, IMethodSymbol Method, bool Explicit, Location Location)> steps)
    {
        var groups = steps.GroupBy(s => s.Name, System.StringComparer.Ordinal)
            .Where(g => g.Select(s => s.Method).Distinct(SymbolEqualityComparer.Default).Count() > 1 && g.Any(s => s.Explicit));
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(s => s.Method.ToDisplayString(), System.StringComparer.Ordinal).ToList();
            foreach (var step in ordered.Where(s => s.Explicit))
            {
                var other = ordered.First(s => !SymbolEqualityComparer.Default.Equals(s.Method, step.Method));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateStepName, step.Location, step.Name,
                    $"{other.Method.ContainingType.Name}.{other.Method.Name}"));
            }
        }
    }
}
