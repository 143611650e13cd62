using System.Linq;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// Which types hash the same in every process: numbers, chars, booleans, enums, dates, times and GUIDs, their
/// nullable forms, and structs of this compilation (record structs included) whose GetHashCode is synthesized or
/// inherited from ValueType and whose fields all hash stably. Strings, classes (identity hashes; a record class hashes
/// its Type, an identity hash too) and tuples (which use the per-process HashCode seed) do not.
/// </summary>
internal static class StableHashing
{
    private static readonly string[] StableStructs =
    [
        "System.Decimal", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "System.Guid", "System.DateOnly", "System.TimeOnly",
    ];

    public static bool Is(ITypeSymbol type) => Is(type, depth: 0);

    private static bool Is(ITypeSymbol type, int depth)
    {
        if (depth > 4) return false;
        if (type.TypeKind == TypeKind.Enum) return true;
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
                or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
                or SpecialType.System_Decimal or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_DateTime:
                return true;
            case SpecialType.System_String or SpecialType.System_Object:
                return false;
        }
        if (StableStructs.Any(name => Api.Is(type, name))) return true;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) return Is(nullable.TypeArguments[0], depth + 1);
        // Source structs: stable when their hash is built from their fields alone and every field is stable.
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Struct, IsTupleType: false } named && !named.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty)
            return named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic).All(f => Is(f.Type, depth + 1));
        return false;
    }
}
