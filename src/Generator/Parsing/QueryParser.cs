using System.Linq;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Parsing;

/// <summary>
/// Finds the [Query] methods of a workflow class. One that cannot be called as a query (static, generic, async, void,
/// by-reference parameters) is left out here and reported by the analyzers' WF4001.
/// </summary>
internal static class QueryParser
{
    public static EquatableArray<QueryModel> Parse(INamedTypeSymbol type, Compilation compilation) =>
        type.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary)
            .Select(m => (Method: m, Attribute: m.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.QueryAttribute)))
            .Where(q => q.Attribute is not null && IsCallable(q.Method))
            .Select(q => new QueryModel(
                q.Attribute!.Named<string>("Name") ?? q.Method.Name,
                MethodModels.Create(q.Method, AsyncShape.Task, isExtensionCall: false, compilation),
                q.Method.ReturnType.IsPublic() && q.Method.Parameters.All(p => p.Type.IsPublic())))
            .Where(q => Shared.DurableNameRule.Problem(q.Name) is null)
            .ToEquatableArray();

    private static bool IsCallable(IMethodSymbol method) =>
        !method.IsStatic && !method.IsGenericMethod && !method.ReturnsVoid && !method.IsAsync
        && AsyncShapes.Of(method.ReturnType) is null
        && method.Parameters.All(p => p.RefKind == RefKind.None && !p.Type.IsCancellationToken());
}
