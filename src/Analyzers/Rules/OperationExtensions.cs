using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.Rules;

internal static class OperationExtensions
{
    public static IEnumerable<IOperation> Ancestors(this IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent) yield return current;
    }
}
