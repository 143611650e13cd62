using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Helpers;

namespace Workflows.Generator.Diagnostics;

/// <summary>
/// A diagnostic as plain data, so it can sit in a cached model; turned into a Diagnostic when reported.
/// <paramref name="Properties"/> ("key=value") tell a code fix what the diagnostic knows.
/// </summary>
internal sealed record DiagnosticInfo(string Id, SourceSpan? Location, EquatableArray<string> Arguments, EquatableArray<string> Properties)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        Create(descriptor, SourceSpan.From(location), arguments);

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray(), default);

    /// <summary>This diagnostic with the property <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public DiagnosticInfo With(string key, string value) => this with { Properties = Properties.Concat([key + "=" + value]).ToEquatableArray() };

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        DiagnosticDescriptors.ById(Id),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        Properties.ToImmutableDictionary(p => p.Substring(0, p.IndexOf('=')), p => (string?)p.Substring(p.IndexOf('=') + 1)),
        Arguments.Cast<object>().ToArray());
}
