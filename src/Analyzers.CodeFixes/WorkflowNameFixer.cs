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

namespace Workflows.Analyzers.CodeFixes;

/// <summary>
/// WF3005 (reported by the generator on the second of two workflows with one durable name): names the workflow
/// after its class and method, <c>[Workflow(Name = "Refunds.Process")]</c>, keeping the attribute's other arguments.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WorkflowNameFixer)), Shared]
public sealed class WorkflowNameFixer : CodeFixProvider
{
    /// <summary>The generator's rule ID for two workflows sharing a durable name.</summary>
    public const string DuplicateWorkflowName = "WF3005";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DuplicateWorkflowName];

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
            var method = root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
            if (method?.Parent is not TypeDeclarationSyntax type) continue;
            if (WorkflowAttribute(method, model, context.CancellationToken) is not { } attribute) continue;
            var name = $"{type.Identifier.ValueText}.{method.Identifier.ValueText}";
            context.RegisterCodeFix(CodeAction.Create($"Name the workflow \"{name}\"",
                token => NameAsync(context.Document, attribute, name, token), "WF3005: name after class and method"), diagnostic);
        }
    }

    private static AttributeSyntax? WorkflowAttribute(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        var workflow = KnownTypes.TypeByName(model.Compilation, "Workflows.WorkflowAttribute");
        return workflow is null ? null : method.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(attribute =>
            SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(attribute, cancellationToken).Symbol?.ContainingType, workflow));
    }

    private static async Task<Document> NameAsync(Document document, AttributeSyntax attribute, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var value = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name));
        var arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var existing = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Name");
        var updated = existing is not null
            ? arguments.ReplaceNode(existing, existing.WithExpression(value))
            : arguments.WithArguments(arguments.Arguments.Insert(0, SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Name")), null, value)));
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(updated)));
    }
}
