using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers;

/// <summary>A workflow-code rule: its descriptor for workflow methods, and the compilation-end one for methods they call.</summary>
internal sealed record WorkflowCodeRule(DiagnosticDescriptor Direct, DiagnosticDescriptor Reached)
{
    /// <summary>
    /// The rule of <paramref name="direct"/>, with its reached form derived from it: the same ID, text and help page,
    /// reported at compilation end. Written once, so the two forms cannot drift apart.
    /// </summary>
    public static WorkflowCodeRule From(DiagnosticDescriptor direct) => new(direct, new DiagnosticDescriptor(
        direct.Id, direct.Title, direct.MessageFormat, direct.Category, direct.DefaultSeverity, direct.IsEnabledByDefault,
        direct.Description, direct.HelpLinkUri, [.. direct.CustomTags, WellKnownDiagnosticTags.CompilationEnd]));
}
