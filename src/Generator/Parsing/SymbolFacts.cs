using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workflows.Generator.Parsing;

/// <summary>Small questions asked of symbols while parsing.</summary>
internal static class SymbolFacts
{
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Qualified(this ITypeSymbol type) => type.ToDisplayString(FullyQualified);

    public static AttributeData? Attribute(this ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    public static bool Has(this ISymbol symbol, string metadataName) => symbol.Attribute(metadataName) is not null;

    public static T? Named<T>(this AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value) return value;
        }
        return default;
    }

    public static bool IsCancellationToken(this ITypeSymbol type) => type.ToDisplayString() == KnownNames.CancellationToken;

    public static string EscapedName(this IParameterSymbol parameter) =>
        SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(parameter.Name) != SyntaxKind.None
            ? "@" + parameter.Name
            : parameter.Name;

    /// <summary>Whether code anywhere in the assembly can name the type (it and its containers are public or internal).</summary>
    public static bool IsNameableFromAssembly(this INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)) return false;
        }
        return true;
    }

    /// <summary>Whether the type and every type it is built from are public.</summary>
    public static bool IsPublic(this ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType.IsPublic(),
        ITypeParameterSymbol => true,
        INamedTypeSymbol named => IsPublicChain(named) && named.TypeArguments.All(IsPublic),
        _ => true,
    };

    private static bool IsPublicChain(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public) return false;
        }
        return true;
    }

    /// <summary>Namespace plus nested type names, with generic arity, for hint names.</summary>
    public static string HintName(this INamedTypeSymbol type)
    {
        var name = type.MetadataName.Replace('`', '_');
        if (type.ContainingType is { } outer) return outer.HintName() + "." + name;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}
