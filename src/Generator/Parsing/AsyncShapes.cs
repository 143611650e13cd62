using Microsoft.CodeAnalysis;
using Workflows.Generator.Model;

namespace Workflows.Generator.Parsing;

/// <summary>Recognises the awaitable return types durable methods may have.</summary>
internal static class AsyncShapes
{
    public static AsyncShape? Of(ITypeSymbol returnType)
    {
        if (returnType is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks") return null;
        return (named.MetadataName, named.TypeArguments.Length) switch
        {
            ("Task", 0) => AsyncShape.Task,
            ("Task`1", 1) => AsyncShape.TaskOfT,
            ("ValueTask", 0) => AsyncShape.ValueTask,
            ("ValueTask`1", 1) => AsyncShape.ValueTaskOfT,
            _ => null,
        };
    }

    public static ITypeSymbol? ResultType(ITypeSymbol returnType, AsyncShape shape) =>
        shape is AsyncShape.TaskOfT or AsyncShape.ValueTaskOfT ? ((INamedTypeSymbol)returnType).TypeArguments[0] : null;
}
