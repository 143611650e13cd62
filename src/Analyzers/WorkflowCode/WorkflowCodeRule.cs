using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers;

/// <summary>A workflow-code rule: its descriptor for workflow methods, and the compilation-end one for methods they call.</summary>
internal sealed record WorkflowCodeRule(DiagnosticDescriptor Direct, DiagnosticDescriptor Reached);
