using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Workflows.Analyzers.CodeFixes;

/// <summary>
/// WF3007: "Guard with Workflow.Patched" puts the statement that makes the changed call in the patched branch,
/// <c>if (Workflow.Patched("checkout-screen")) { … }</c>, so instances of the shipped version skip it. When the call
/// replaced a shipped one, the else branch says which call the shipped version made there, for you to write back;
/// a local declared by the statement is declared before the check and assigned in each branch.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PatchGuardFixer)), Shared]
public sealed class PatchGuardFixer : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ShippedManifestFixer.ShippedCallChanged];

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent is BlockSyntax);
            if (statement is null || node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is null) continue;
            var workflow = diagnostic.Properties.TryGetValue(Shared.ShippedManifestContract.WorkflowProperty, out var w) ? w ?? "" : "";
            var shipped = diagnostic.Properties.TryGetValue(Shared.ShippedManifestContract.ShippedProperty, out var s) ? s : null;
            var inserted = diagnostic.Properties.TryGetValue(Shared.ShippedManifestContract.InsertedProperty, out var i) && i == "true";
            var call = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            var patchId = PatchId(workflow, call);
            context.RegisterCodeFix(CodeAction.Create($"Guard with Workflow.Patched(\"{patchId}\")",
                token => GuardAsync(context.Document, statement, patchId, inserted ? null : shipped, token), "WF3007: guard with Workflow.Patched"), diagnostic);
        }
    }

    // "{workflow}-{called method}", in lower case, with what a patch ID cannot hold replaced by '-'.
    private static string PatchId(string workflow, InvocationExpressionSyntax? call)
    {
        var name = call?.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "change",
        };
        var id = new StringBuilder();
        foreach (var c in (workflow.Length == 0 ? name : workflow + "-" + name).ToLowerInvariant())
            id.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        return id.ToString();
    }

    private static async Task<Document> GuardAsync(Document document, StatementSyntax statement, string patchId, string? shipped, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return document;
        var check = $"Workflow.Patched({SymbolDisplay.FormatLiteral(patchId, quote: true)})";
        var replacement = statement is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
                          && declaration.Declaration.Variables[0] is { Initializer: { } initializer } variable
                          && model.GetDeclaredSymbol(variable, cancellationToken) is ILocalSymbol local
            ? Declared(local.Type.ToMinimalDisplayString(model, declaration.SpanStart), variable.Identifier.ValueText, initializer.Value.ToString(), check, shipped)
            : Guarded(statement.WithoutLeadingTrivia().WithoutTrailingTrivia().ToString(), check, shipped);
        var last = replacement.Length - 1;
        var statements = replacement.Select((s, i) => s
            .WithLeadingTrivia(statement.GetLeadingTrivia())
            .WithTrailingTrivia(i == last ? statement.GetTrailingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.ElasticLineFeed))
            .WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        var changed = root.ReplaceNode(statement, statements);
        if (changed is CompilationUnitSyntax unit && !HasWorkflowsUsing(unit))
            changed = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("Workflows")).WithAdditionalAnnotations(Formatter.Annotation));
        return document.WithSyntaxRoot(changed);
    }

    private static StatementSyntax[] Declared(string type, string name, string value, string check, string? shipped) =>
    [
        SyntaxFactory.ParseStatement($"{type} {name};"),
        SyntaxFactory.ParseStatement(
            $"if ({check})\n{{\n{name} = {value};\n}}\nelse\n{{\n// {ElseNote(shipped, $"give '{name}' the value they use")}\n{name} = default!;\n}}"),
    ];

    private static StatementSyntax[] Guarded(string statement, string check, string? shipped) =>
    [
        SyntaxFactory.ParseStatement(shipped is null
            ? $"if ({check})\n{{\n{statement}\n}}"
            : $"if ({check})\n{{\n{statement}\n}}\nelse\n{{\n// {ElseNote(shipped, "")}\n}}"),
    ];

    private static string ElseNote(string? shipped, string otherwise) => shipped is null
        ? $"Instances without the patch did not make this call: {otherwise}."
        : $"Instances without the patch made '{shipped}' here: write the call the shipped version made.";

    private static bool HasWorkflowsUsing(CompilationUnitSyntax unit) =>
        unit.Usings.Any(u => u.Name?.ToString() == "Workflows")
        || unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.ToString() == "Workflows" || n.Name.ToString().StartsWith("Workflows.", System.StringComparison.Ordinal));
}
