using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using Workflows.Analyzers;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.CodeFixes;

/// <summary>
/// Replaces a nondeterministic API in workflow code with its durable counterpart: WF1001 → Workflow.UtcNow,
/// WF1002 → Workflow.NewGuid(), WF1003 → Workflow.Random, WF1004 → Workflow.DelayAsync (the await stays),
/// WF1014 → Workflow.StableHash(s) for a string's GetHashCode(). Each
/// fix touches only its own expression, so fixing all occurrences at once gives the same code as one at a time.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DurableReplacementFixer)), Shared]
public sealed class DurableReplacementFixer : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        [RuleIdentifiers.WallClock, RuleIdentifiers.NewGuid, RuleIdentifiers.Random, RuleIdentifiers.Delay, RuleIdentifiers.HashCode];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(Finding.FixProperty, out var fix) || fix is null) continue;
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node) continue;
            var title = $"Use {Shorten(fix)}";
            var equivalenceKey = $"{diagnostic.Id}: use the durable API";
            if (diagnostic.Id == RuleIdentifiers.Delay)
            {
                if (node is not InvocationExpressionSyntax delay) continue;
                var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (model is null || !HasDelayAsync(model.Compilation)) continue; // the runtime in use has no durable timer yet
                context.RegisterCodeFix(CodeAction.Create(title, token => ReplaceAsync(context.Document, delay, DurableDelay(delay, model, token), token), equivalenceKey), diagnostic);
            }
            else
            {
                var replacement = SyntaxFactory.ParseExpression(fix);
                context.RegisterCodeFix(CodeAction.Create(title, token => ReplaceAsync(context.Document, node, replacement, token), equivalenceKey), diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        // Every qualified part is marked, so `global::Workflows.Workflow.UtcNow.ToLocalTime()` reduces as far as the file's usings allow.
        var simplifiable = replacement.ReplaceNodes(
            replacement.DescendantNodesAndSelf().Where(n => n is MemberAccessExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax),
            (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation));
        editor.ReplaceNode(node, simplifiable.WithTriviaFrom(node).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
        return editor.GetChangedDocument();
    }

    /// <summary><c>Task.Delay(ms)</c> → <c>Workflow.DelayAsync(TimeSpan.FromMilliseconds(ms))</c>; other arguments stay.</summary>
    private static InvocationExpressionSyntax DurableDelay(InvocationExpressionSyntax delay, SemanticModel model, CancellationToken cancellationToken)
    {
        var arguments = delay.ArgumentList.Arguments.Select((argument, index) =>
        {
            var type = model.GetTypeInfo(argument.Expression, cancellationToken).Type;
            return index == 0 && type?.SpecialType == SpecialType.System_Int32
                ? argument.WithExpression(SyntaxFactory.ParseExpression($"global::System.TimeSpan.FromMilliseconds({argument.Expression})"))
                : argument;
        });
        return delay
            .WithExpression(SyntaxFactory.ParseExpression("global::Workflows.Workflow.DelayAsync"))
            .WithArgumentList(delay.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(arguments)));
    }

    private static string Shorten(string fix)
    {
        var name = fix.Replace("global::Workflows.", "").Replace("global::System.", "");
        var call = name.IndexOf('(');
        return call > 0 && name.StartsWith("Workflow.StableHash", System.StringComparison.Ordinal) ? name.Substring(0, call) : name;
    }

    private static bool HasDelayAsync(Compilation compilation) =>
        KnownTypes.TypeByName(compilation, "Workflows.Workflow")?.GetMembers("DelayAsync").Any() == true;
}
