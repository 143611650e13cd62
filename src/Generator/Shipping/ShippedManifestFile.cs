using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Workflows.Generator.Diagnostics;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Shipping;

/// <summary>Reads the shipped-manifests file: blank lines and lines starting with '#' are skipped; a line out of format is reported.</summary>
internal static class ShippedManifestFile
{
    public static bool IsShippedFile(AdditionalText file) =>
        string.Equals(System.IO.Path.GetFileName(file.Path), Shared.ShippedManifestContract.FileName, System.StringComparison.OrdinalIgnoreCase);

    public static ShippedFileModel Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null) return new ShippedFileModel(default, default);
        var calls = new Dictionary<string, List<ShippedCallModel>>(System.StringComparer.Ordinal);
        var firstLines = new Dictionary<string, SourceSpan>(System.StringComparer.Ordinal);
        var problems = new List<DiagnosticInfo>();
        foreach (var line in text.Lines)
        {
            var content = line.ToString();
            if (content.Trim().Length == 0 || content.TrimStart().StartsWith("#", System.StringComparison.Ordinal)) continue;
            var where = new SourceSpan(file.Path, line.Span, text.Lines.GetLinePositionSpan(line.Span));
            if (ShippedCallFormat.Parse(content) is not { } parsed)
            {
                problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShippedLineUnreadable, where, content.Trim()));
                continue;
            }
            if (!calls.TryGetValue(parsed.Workflow, out var list))
            {
                calls[parsed.Workflow] = list = [];
                firstLines[parsed.Workflow] = where;
            }
            list.Add(parsed.Call);
        }
        var workflows = calls.OrderBy(c => c.Key, System.StringComparer.Ordinal)
            .Select(c => new ShippedWorkflowModel(c.Key, c.Value.ToEquatableArray(), firstLines[c.Key]))
            .ToEquatableArray();
        return new ShippedFileModel(workflows, problems.ToEquatableArray());
    }
}
