using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Parsing;

/// <summary>
/// Finds the [Query], [Signal] and [Update] methods of a workflow class. One that cannot be called as such (static, generic,
/// async, a query returning nothing or a signal returning something, by-reference or token parameters) is left out
/// here and reported by the analyzers (WF4001, WF4002).
/// </summary>
internal static class HandlerParser
{
    public static EquatableArray<HandlerModel> Queries(INamedTypeSymbol type, Compilation compilation) =>
        Parse(type, compilation, KnownNames.QueryAttribute, m => !m.ReturnsVoid && AsyncShapes.Of(m.ReturnType) is null);

    public static EquatableArray<HandlerModel> Signals(INamedTypeSymbol type, Compilation compilation) =>
        Parse(type, compilation, KnownNames.SignalAttribute, m => m.ReturnsVoid);

    public static EquatableArray<UpdateModel> Updates(INamedTypeSymbol type, Compilation compilation)
    {
        var methods = type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        return methods
            .Select(m => (Method: m, Attribute: m.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.UpdateAttribute)))
            .Where(u => u.Attribute is not null && IsCallable(u.Method) && AsyncShapes.Of(u.Method.ReturnType) is not null)
            .Select(u =>
            {
                var shape = AsyncShapes.Of(u.Method.ReturnType)!.Value;
                var result = AsyncShapes.ResultType(u.Method.ReturnType, shape);
                var validator = methods.FirstOrDefault(v => ValidatorOf(v) == u.Method.Name && v.ReturnsVoid && !v.IsStatic
                    && v.Parameters.Select(p => p.Type).SequenceEqual(u.Method.Parameters.Select(p => p.Type), SymbolEqualityComparer.Default));
                return new UpdateModel(
                    u.Attribute!.Named<string>("Name") ?? u.Method.Name,
                    MethodModels.Create(u.Method, shape, isExtensionCall: false, compilation),
                    validator is null ? null : MethodModels.Create(validator, AsyncShape.Task, isExtensionCall: false, compilation),
                    (result?.IsPublic() ?? true) && u.Method.Parameters.All(p => p.Type.IsPublic()));
            })
            .Where(u => Shared.DurableNameRule.Problem(u.Name) is null)
            .ToEquatableArray();
    }

    private static string? ValidatorOf(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.UpdateValidatorAttribute) is { } attribute
            && attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;

    private static EquatableArray<HandlerModel> Parse(INamedTypeSymbol type, Compilation compilation, string attribute, Func<IMethodSymbol, bool> returns) =>
        type.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary)
            .Select(m => (Method: m, Attribute: m.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == attribute)))
            .Where(h => h.Attribute is not null && IsCallable(h.Method) && !h.Method.IsAsync && returns(h.Method))
            .Select(h => new HandlerModel(
                h.Attribute!.Named<string>("Name") ?? h.Method.Name,
                MethodModels.Create(h.Method, AsyncShape.Task, isExtensionCall: false, compilation),
                (h.Method.ReturnsVoid || h.Method.ReturnType.IsPublic()) && h.Method.Parameters.All(p => p.Type.IsPublic())))
            .Where(h => Shared.DurableNameRule.Problem(h.Name) is null)
            .ToEquatableArray();

    private static bool IsCallable(IMethodSymbol method) =>
        !method.IsStatic && !method.IsGenericMethod
        && method.Parameters.All(p => p.RefKind == RefKind.None && !p.Type.IsCancellationToken());
}
