using System;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Model;

namespace Workflows.Generator.Shipping;

/// <summary>
/// One line of the shipped-manifests file: <c>{workflow}: {kind} {name}#{ordinal}[ if {guard}][ -> {result type}]</c>,
/// e.g. <c>Checkout: Step Screen#1 if fraud-screen -> string</c>. Names contain no ':' or '#', and guards no spaces.
/// </summary>
internal static class ShippedCallFormat
{
    private const string GuardMark = " if ";
    private const string TypeMark = " -> ";

    private static readonly SymbolDisplayFormat s_typeFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>What a call returning <paramref name="returnType"/> hands workflow code: T of Task&lt;T&gt; or ValueTask&lt;T&gt;; null for nothing.</summary>
    public static string? ResultType(ITypeSymbol? returnType) =>
        returnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Task" or "ValueTask" } task
            ? task.TypeArguments[0].ToDisplayString(s_typeFormat)
            : null;

    /// <summary>The call as the file and messages write it: kind, name and ordinal, and its guard and result type when it has them.</summary>
    public static string Call(ShippedCallModel call) =>
        $"{call.Kind} {call.Name}#{call.Ordinal}{(call.Guard is null ? "" : GuardMark + call.Guard)}{(call.ResultType is null ? "" : TypeMark + call.ResultType)}";

    public static string Render(string workflow, ShippedCallModel call) => $"{workflow}: {Call(call)}";

    public static ShippedCallModel Shipped(ManifestEntryModel entry) => new(entry.Kind, entry.Name, entry.Ordinal, entry.Guard, entry.ResultType);

    /// <summary>Reads a line; null when it is not in the format.</summary>
    public static (string Workflow, ShippedCallModel Call)? Parse(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0) return null;
        var workflow = line.Substring(0, colon).Trim();
        var rest = line.Substring(colon + 2);
        string? type = null;
        var arrow = rest.IndexOf(TypeMark, StringComparison.Ordinal);
        if (arrow >= 0)
        {
            type = rest.Substring(arrow + TypeMark.Length).Trim();
            rest = rest.Substring(0, arrow);
        }
        string? guard = null;
        var hash = rest.LastIndexOf('#');
        if (hash < 0) return null;
        var ifAt = rest.IndexOf(GuardMark, hash, StringComparison.Ordinal);
        if (ifAt >= 0)
        {
            guard = rest.Substring(ifAt + GuardMark.Length).Trim();
            rest = rest.Substring(0, ifAt);
        }
        var space = rest.IndexOf(' ');
        if (space <= 0 || space > hash || !int.TryParse(rest.Substring(hash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal) || ordinal < 1)
            return null;
        if (workflow.Length == 0 || guard?.Length == 0 || type?.Length == 0) return null;
        return (workflow, new ShippedCallModel(rest.Substring(0, space), rest.Substring(space + 1, hash - space - 1), ordinal, guard, type));
    }
}
