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

namespace Workflows.Analyzers.CodeFixes;

/// <summary>
/// WF1016: gives a raced event wait a token of the workflow's own and cancels it after the race, so a losing wait
/// takes no later event: <c>using var approvalRetire = new CancellationTokenSource();</c> before the wait,
/// <c>cancellationToken: approvalRetire.Token</c> on it, <c>approvalRetire.Cancel();</c> after the statement that races it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EventRaceFixer)), Shared]
public sealed class EventRaceFixer : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIdentifiers.UnretiredRace];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        // All edits in one editor, so the using directive is added once however many waits are fixed.
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var waits = diagnostics.Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true)).OfType<InvocationExpressionSyntax>()
            .Select(w => (Wait: w, Plan: Plan(w))).Where(p => p.Plan is not null).Select(p => (p.Wait, p.Plan!)).ToList();
        return await ApplyAsync(document, waits, context.CancellationToken).ConfigureAwait(false);
    });

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax wait) continue;
            if (Plan(wait) is not { } plan) continue;
            context.RegisterCodeFix(CodeAction.Create($"Cancel the wait after the race ({plan.Name})",
                token => ApplyAsync(context.Document, [(wait, plan)], token), "WF1016: cancel the losing wait"), diagnostic);
        }
    }

    private sealed record RetirePlan(StatementSyntax DeclareBefore, StatementSyntax CancelAfter, string Name);

    /// <summary>Where the source goes (before the wait's statement) and where it is cancelled (after the racing statement, in the same block).</summary>
    private static RetirePlan? Plan(InvocationExpressionSyntax wait)
    {
        var waitStatement = wait.FirstAncestorOrSelf<StatementSyntax>();
        if (waitStatement?.Parent is not BlockSyntax block) return null;
        var local = waitStatement is LocalDeclarationStatementSyntax declaration
            ? declaration.Declaration.Variables.FirstOrDefault(v => v.Initializer?.Value == wait)?.Identifier.ValueText
            : null;
        StatementSyntax? raceStatement = waitStatement;
        if (local is not null)
        {
            raceStatement = block.Statements.SkipWhile(s => s != waitStatement).Skip(1).FirstOrDefault(s => s.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Any(call => Name(call) == "WhenAny" && call.ArgumentList.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == local)));
            if (raceStatement is null) return null;
        }
        var stem = local ?? EventStem(wait);
        var taken = block.DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText).ToImmutableHashSet();
        var name = stem + "Retire";
        for (var n = 2; taken.Contains(name); n++) name = stem + "Retire" + n;
        return new RetirePlan(waitStatement, raceStatement, name);
    }

    private static async Task<Document> ApplyAsync(Document document, System.Collections.Generic.IReadOnlyList<(InvocationExpressionSyntax Wait, RetirePlan Plan)> waits, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (waits.Count == 0) return document;
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var inScope = model?.LookupNamespacesAndTypes(waits[0].Plan.DeclareBefore.SpanStart, name: "CancellationTokenSource")
            .Any(t => t.ToDisplayString() == "System.Threading.CancellationTokenSource") == true;
        if (!inScope && editor.OriginalRoot is CompilationUnitSyntax unit) AddUsing(editor, unit);
        foreach (var (wait, plan) in waits) Retire(editor, wait, plan);
        return editor.GetChangedDocument();
    }

    private static void Retire(DocumentEditor editor, InvocationExpressionSyntax wait, RetirePlan plan)
    {
        var source = SyntaxFactory.ParseStatement($"using var {plan.Name} = new CancellationTokenSource();");
        var token = SyntaxFactory.Argument(SyntaxFactory.ParseExpression($"{plan.Name}.Token"))
            .WithNameColon(SyntaxFactory.NameColon("cancellationToken"));
        editor.InsertBefore(plan.DeclareBefore, source.WithLeadingTrivia(plan.DeclareBefore.GetLeadingTrivia()).WithTrailingTrivia(EndOfLine(plan.DeclareBefore)));
        editor.ReplaceNode(wait, wait.WithArgumentList(wait.ArgumentList.AddArguments(token)));
        editor.InsertAfter(plan.CancelAfter, SyntaxFactory.ParseStatement($"{plan.Name}.Cancel();")
            .WithLeadingTrivia(plan.CancelAfter.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(EndOfLine(plan.CancelAfter)));
    }

    /// <summary>Adds <c>using System.Threading;</c> in order among the file's usings, so the source reads as a user would write it.</summary>
    private static void AddUsing(DocumentEditor editor, CompilationUnitSyntax unit)
    {
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Threading")).NormalizeWhitespace().WithTrailingTrivia(EndOfLine(unit));
        var after = unit.Usings.LastOrDefault(u => u.StaticKeyword.IsKind(SyntaxKind.None) && u.Alias is null
            && string.CompareOrdinal(u.Name?.ToString(), "System.Threading") < 0);
        if (after is not null) editor.InsertAfter(after, directive);
        else if (unit.Usings.FirstOrDefault() is { } first) editor.InsertBefore(first, directive);
        else editor.ReplaceNode(unit, unit.AddUsings(directive));
    }

    // The file's own line ending, so the inserted lines match the ones around them.
    private static SyntaxTrivia EndOfLine(SyntaxNode near) =>
        near.DescendantTrivia().Concat(near.SyntaxTree.GetRoot().DescendantTrivia()).FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol != default
            ? eol : SyntaxFactory.ElasticCarriageReturnLineFeed;

    private static string? Name(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A local name from the event name literal ("order-approved" → orderApproved), or "race".</summary>
    private static string EventStem(InvocationExpressionSyntax wait)
    {
        if (wait.ArgumentList.Arguments.FirstOrDefault()?.Expression is not LiteralExpressionSyntax { Token.ValueText: var text }) return "race";
        var words = text.Split(['-', '_', '.', ' ', ':', '/'], System.StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(char.IsLetterOrDigit)).ToArray();
        if (words.Length == 0 || !char.IsLetter(words[0][0])) return "race";
        var stem = char.ToLowerInvariant(words[0][0]) + words[0].Substring(1) + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
        return SyntaxFacts.GetKeywordKind(stem) == SyntaxKind.None ? stem : "race";
    }
}
