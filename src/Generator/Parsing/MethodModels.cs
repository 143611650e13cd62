using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Parsing;

/// <summary>Builds <see cref="MethodModel"/>s from the called (possibly constructed) method.</summary>
internal static class MethodModels
{
    public static MethodModel Create(IMethodSymbol called, AsyncShape shape, bool isExtensionCall, Compilation compilation)
    {
        var definition = called.OriginalDefinition;
        var parameters = called.Parameters.Select((p, i) => new ParameterModel(
            definition.Parameters[i].EscapedName(), p.Type.Qualified(), definition.Parameters[i].Type.Qualified(), p.Type.IsCancellationToken()));
        return new MethodModel(
            called.ContainingType.Qualified(),
            called.Name,
            called.IsStatic,
            isExtensionCall,
            compilation.IsSymbolAccessibleWithin(definition, compilation.Assembly) && called.ContainingType.IsNameableFromAssembly(),
            shape,
            called.ReturnType.Qualified(),
            definition.ReturnType.Qualified(),
            AsyncShapes.ResultType(called.ReturnType, shape)?.Qualified(),
            parameters.ToEquatableArray(),
            called.TypeArguments.Select(t => t.Qualified()).ToEquatableArray(),
            definition.TypeParameters.Select(t => t.Name).ToEquatableArray(),
            definition.TypeParameters.Select(Constraint).Where(c => c is not null).Select(c => c!).ToEquatableArray(),
            definition.ToDisplayString());
    }

    /// <summary>The parameters that make a method unusable as a durable call, as a reason, or null.</summary>
    public static string? UnsupportedReason(IMethodSymbol method)
    {
        if (method.ContainingType.IsGenericType) return "it is declared in a generic type; move it to a non-generic class";
        if (method.ContainingType.TypeKind == TypeKind.Struct && !method.IsStatic) return "it is an instance method of a struct; use a class";
        var byRef = method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None);
        return byRef is null ? null : $"parameter '{byRef.Name}' is passed by reference ({byRef.RefKind.ToString().ToLowerInvariant()}); durable calls take values";
    }

    private static string? Constraint(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint) parts.Add("class");
        if (parameter.HasUnmanagedTypeConstraint) parts.Add("unmanaged");
        else if (parameter.HasValueTypeConstraint) parts.Add("struct");
        if (parameter.HasNotNullConstraint) parts.Add("notnull");
        parts.AddRange(parameter.ConstraintTypes.Select(t => t.Qualified()));
        if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint) parts.Add("new()");
        return parts.Count == 0 ? null : $"where {parameter.Name} : {string.Join(", ", parts)}";
    }
}
