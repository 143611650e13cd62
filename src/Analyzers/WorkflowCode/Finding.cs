using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>
/// A rule broken at a location: the offending API, what to use instead, and, when a code fix can make the change,
/// the replacement expression (fully qualified) the fixer puts in its place.
/// </summary>
internal sealed record Finding(WorkflowCodeRule Rule, Location Location, string Api, string Replacement, string? Fix)
{
    /// <summary>The diagnostic property that carries <see cref="Fix"/> to the code fix.</summary>
    public const string FixProperty = "Fix";

    public Diagnostic ToDiagnostic(DiagnosticDescriptor descriptor, string chain) => Diagnostic.Create(
        descriptor, Location,
        Fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, Fix),
        Api, Replacement, chain);
}
