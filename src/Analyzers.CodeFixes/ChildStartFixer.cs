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
using Microsoft.CodeAnalysis.Simplification;

namespace Workflows.Analyzers.CodeFixes;

/// <summary>
/// WF1012 on a dropped child workflow call (<c>_ = Workflow.RunChildWorkflowAsync(…)</c> or <c>_ = Invoice(order)</c>
/// for a [Workflow] method): awaits a start instead — <c>await Workflow.StartChildWorkflowAsync(…)</c> or the
/// generated <c>await Workflow.Children.StartInvoiceAsync(order)</c> — so the child durably exists before the workflow
/// goes on, and runs on by itself. Offered where the enclosing method or lambda is async.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChildStartFixer)), Shared]
public sealed class ChildStartFixer : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIdentifiers.UnobservedDurableCall];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call) continue;
            if (call.FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } statement || !InAsyncCode(statement)) continue;
            if (StartFor(call, model, context.CancellationToken) is not { } start) continue;
            context.RegisterCodeFix(CodeAction.Create("Start the child without waiting for it (it runs on independently)",
                token => ReplaceAsync(context.Document, statement, start, token), "WF1012: start the child"), diagnostic);
        }
    }

    /// <summary>The awaited start that replaces the dropped call, or null when the call is not a child workflow call.</summary>
    private static InvocationExpressionSyntax? StartFor(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method || KnownTypes.Create(model.Compilation) is not { } types) return null;
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.Name == "RunChildWorkflowAsync" && SymbolEqualityComparer.Default.Equals(definition.ContainingType, types.Workflow))
        {
            var arguments = call.ArgumentList.Arguments.Where((argument, index) => Parameter(argument, index, method)?.Name != "parentClosePolicy");
            var name = call.Expression switch
            {
                MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } member => member.WithName(StartName(generic)),
                MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName("StartChildWorkflowAsync")),
                GenericNameSyntax generic => (ExpressionSyntax)StartName(generic),
                _ => SyntaxFactory.IdentifierName("StartChildWorkflowAsync"),
            };
            return SyntaxFactory.InvocationExpression(name, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        }
        if (!types.IsWorkflow(definition)) return null;
        var typed = $"Start{definition.Name}Async";
        if (KnownTypes.TypeByName(model.Compilation, "Workflows.ChildWorkflows") is not { } children
            || model.LookupSymbols(call.SpanStart, children, typed, includeReducedExtensionMethods: true).IsEmpty) return null;
        var receiver = SyntaxFactory.ParseExpression($"global::Workflows.Workflow.Children.{typed}");
        receiver = receiver.ReplaceNodes(receiver.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>(), (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation));
        return SyntaxFactory.InvocationExpression(receiver, call.ArgumentList);
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionStatementSyntax statement, InvocationExpressionSyntax start, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var awaited = statement.WithExpression(SyntaxFactory.AwaitExpression(start.WithoutTrivia()).WithLeadingTrivia(statement.Expression.GetLeadingTrivia()))
            .WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(statement, awaited));
    }

    private static GenericNameSyntax StartName(GenericNameSyntax generic) =>
        SyntaxFactory.GenericName(SyntaxFactory.Identifier("StartChildWorkflowAsync"),
            SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(generic.TypeArgumentList.Arguments[0])));

    private static IParameterSymbol? Parameter(ArgumentSyntax argument, int index, IMethodSymbol method) =>
        argument.NameColon is { } named ? method.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText)
        : index < method.Parameters.Length ? method.Parameters[index] : null;

    private static bool InAsyncCode(SyntaxNode node) => node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax) switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
        _ => false,
    };
}
