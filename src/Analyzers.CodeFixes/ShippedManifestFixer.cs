using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Workflows.Analyzers.CodeFixes;

/// <summary>
/// WF3007 (reported by the generator where a shipped workflow's durable calls changed): "Record the current calls of
/// 'Checkout' as shipped" rewrites the workflow's lines of workflows.shipped.txt with its current calls, where its
/// lines were. For a change that every running instance can take, or when none of the shipped version runs.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ShippedManifestFixer)), Shared]
public sealed class ShippedManifestFixer : CodeFixProvider
{
    /// <summary>The generator's rule ID for a changed durable call of a shipped workflow.</summary>
    public const string ShippedCallChanged = "WF3007";

    /// <summary>The name of the shipped-manifests file.</summary>
    public const string FileName = Shared.ShippedManifestContract.FileName;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ShippedCallChanged];

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var file = context.Document.Project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.Name, FileName, StringComparison.OrdinalIgnoreCase));
        if (file is null) return Task.CompletedTask;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(Shared.ShippedManifestContract.WorkflowProperty, out var workflow) || workflow is null
                || !diagnostic.Properties.TryGetValue(Shared.ShippedManifestContract.ManifestProperty, out var manifest) || manifest is null) continue;
            context.RegisterCodeFix(CodeAction.Create($"Record the current calls of '{workflow}' as shipped",
                token => RecordAsync(context.Document.Project.Solution, file.Id, workflow, manifest, token), "WF3007: record as shipped"), diagnostic);
        }
        return Task.CompletedTask;
    }

    private static async Task<Solution> RecordAsync(Solution solution, DocumentId file, string workflow, string manifest, CancellationToken cancellationToken)
    {
        var text = await solution.GetAdditionalDocument(file)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return solution.WithAdditionalDocumentText(file, SourceText.From(Rewrite(text.ToString(), workflow, manifest), text.Encoding));
    }

    /// <summary><paramref name="text"/> with the lines of <paramref name="workflow"/> replaced by <paramref name="manifest"/>, where the first of them was (else at the end).</summary>
    public static string Rewrite(string text, string workflow, string manifest)
    {
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var prefix = workflow + ":";
        var at = lines.FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));
        lines.RemoveAll(l => l.StartsWith(prefix, StringComparison.Ordinal));
        var replacement = manifest.Length == 0 ? Array.Empty<string>() : manifest.Split('\n');
        lines.InsertRange(at < 0 ? lines.Count : at, replacement);
        return string.Join(newline, lines) + newline;
    }
}
