using System.Linq;
using Microsoft.CodeAnalysis;

namespace Workflows.Generator.Parsing;

/// <summary>Finds value types that cannot round-trip through System.Text.Json, where that is visible at compile time.</summary>
internal static class SerializabilityCheck
{
    /// <summary>Why <paramref name="type"/> cannot be stored as JSON, or null when it looks storable.</summary>
    public static string? Problem(ITypeSymbol type)
    {
        if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol) return "is a pointer";
        if (type.IsRefLikeType) return "is a ref struct";
        if (type.TypeKind == TypeKind.Delegate) return "is a delegate";
        if (type is IArrayTypeSymbol array) return Problem(array.ElementType);
        var name = type.OriginalDefinition.ToDisplayString();
        switch (name)
        {
            case "System.Threading.Tasks.Task":
            case "System.Threading.Tasks.Task<TResult>":
            case "System.Threading.Tasks.ValueTask":
            case "System.Threading.Tasks.ValueTask<TResult>":
                return "is a task";
            case "System.Threading.CancellationToken":
            case "System.Type":
            case "System.IntPtr":
            case "System.UIntPtr":
                return "is not data";
        }
        if (InheritsFrom(type, "System.IO.Stream")) return "is a stream";
        if (type.TypeKind == TypeKind.Interface && !IsCollectionInterface(type) && !IsPolymorphic(type))
            return "is an interface, which JSON cannot rebuild without knowing the concrete type";
        if (type is INamedTypeSymbol { IsAbstract: true, TypeKind: TypeKind.Class } && !IsPolymorphic(type))
            return "is abstract, which JSON cannot rebuild without [JsonPolymorphic]";
        return null;
    }

    private static bool IsCollectionInterface(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" or "System.Collections";

    private static bool IsPolymorphic(ITypeSymbol type) => type.GetAttributes().Any(a =>
        a.AttributeClass?.ToDisplayString() is "System.Text.Json.Serialization.JsonPolymorphicAttribute" or "System.Text.Json.Serialization.JsonDerivedTypeAttribute");

    private static bool InheritsFrom(ITypeSymbol type, string baseName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == baseName) return true;
        }
        return type.ToDisplayString() == baseName;
    }
}
