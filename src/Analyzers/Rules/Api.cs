using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Workflows.Analyzers.Rules;

/// <summary>Small helpers the checks share to name APIs and see through conversions.</summary>
internal static class Api
{
    /// <summary>Whether <paramref name="type"/> (its generic definition) has the metadata-style name <paramref name="fullName"/>.</summary>
    public static bool Is(ITypeSymbol? type, string fullName)
    {
        if (type is null) return false;
        var definition = type.OriginalDefinition;
        var ns = definition.ContainingNamespace?.ToDisplayString();
        var name = definition.ContainingType is { } outer ? outer.MetadataName + "." + definition.MetadataName : definition.MetadataName;
        return (string.IsNullOrEmpty(ns) ? name : ns + "." + name) == fullName;
    }

    public static bool InNamespace(ITypeSymbol? type, string ns) =>
        type?.ContainingNamespace?.ToDisplayString() is { } actual && (actual == ns || actual.StartsWith(ns + ".", System.StringComparison.Ordinal));

    /// <summary><c>Type.Member</c> as the user would write it.</summary>
    public static string Name(ISymbol member) => member.ContainingType is { } type ? $"{type.Name}.{member.Name}" : member.Name;

    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The location to report a member use at: the member access, not the whole call.</summary>
    public static Location LocationOf(IOperation operation) => operation.Syntax.GetLocation();
}
