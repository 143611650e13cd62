using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workflows.Generator.Parsing;

/// <summary>
/// Finds the <c>Workflow.Patched</c> checks a durable call depends on: the branches of <c>if</c> statements and
/// conditional expressions whose condition is a check (or its negation) that enclose the call. The result is the
/// call site's guard in the manifest: patch IDs joined by '&amp;', '!' marking the branch without the patch.
/// </summary>
internal static class PatchGuards
{
    public const string PatchedMethod = "Patched";
    public const string DeprecateMethod = "DeprecatePatch";

    /// <summary>The guard of <paramref name="node"/> inside <paramref name="root"/>, after <paramref name="inherited"/> (the guard of the call that led here).</summary>
    public static string? Of(SyntaxNode node, SyntaxNode root, SemanticModel model, string? inherited, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        for (var child = node; child != root && child.Parent is { } parent; child = parent)
        {
            var condition = parent switch
            {
                IfStatementSyntax branch when child == branch.Statement => Condition(branch.Condition, model, false, cancellationToken),
                IfStatementSyntax branch when child == branch.Else => Condition(branch.Condition, model, true, cancellationToken),
                ConditionalExpressionSyntax choice when child == choice.WhenTrue => Condition(choice.Condition, model, false, cancellationToken),
                ConditionalExpressionSyntax choice when child == choice.WhenFalse => Condition(choice.Condition, model, true, cancellationToken),
                _ => null,
            };
            if (condition is not null) conditions.Add(condition);
        }
        if (inherited is not null) conditions.Add(inherited);
        if (conditions.Count == 0) return null;
        conditions.Reverse();
        return string.Join("&", conditions);
    }

    /// <summary>Whether <paramref name="method"/> is <c>Workflow.Patched</c> or <c>Workflow.DeprecatePatch</c>, and which.</summary>
    public static string? Kind(IMethodSymbol method) =>
        method is { IsStatic: true, ContainingType: { Name: "Workflow", ContainingNamespace: { Name: "Workflows", ContainingNamespace.IsGlobalNamespace: true } } }
            ? method.Name switch
            {
                PatchedMethod => "Patch",
                DeprecateMethod => "DeprecatedPatch",
                _ => null,
            }
            : null;

    /// <summary>The patch ID a check passes, when it is a constant string.</summary>
    public static string? ConstantId(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        invocation.ArgumentList.Arguments.Count == 1
        && model.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, cancellationToken) is { HasValue: true, Value: string id }
            ? id
            : null;

    // A condition that is a patch check, or its negation, possibly in parentheses; anything else guards nothing.
    private static string? Condition(ExpressionSyntax condition, SemanticModel model, bool negated, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    condition = parenthesized.Expression;
                    continue;
                case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                    negated = !negated;
                    condition = not.Operand;
                    continue;
                case InvocationExpressionSyntax invocation
                    when model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method && method.Name == PatchedMethod && Kind(method) is not null
                    && ConstantId(invocation, model, cancellationToken) is { } id:
                    return negated ? "!" + id : id;
                default:
                    return null;
            }
        }
    }
}
