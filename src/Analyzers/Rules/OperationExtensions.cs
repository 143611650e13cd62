using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.Rules;

internal static class OperationExtensions
{
    public static IEnumerable<IOperation> Ancestors(this IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent) yield return current;
    }

    /// <summary>The outermost operation of the block <paramref name="operation"/> belongs to (its method body or initializer).</summary>
    public static IOperation Root(this IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null) root = root.Parent;
        return root;
    }
}
