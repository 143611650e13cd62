using Microsoft.CodeAnalysis;
using Workflows.Analyzers.Tests.Support;

namespace Workflows.Analyzers.Tests;

/// <summary>Every rule is documented, tracked in the release file, and has a help link to its page.</summary>
public sealed class RuleCatalogTests
{
    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[]
        {
            new WorkflowCode.WorkflowCodeAnalyzer(), new Analyzers.Rules.ReservedInstanceIdAnalyzer(), new Analyzers.Rules.DurableNameAnalyzer(),
            new Analyzers.Rules.HandlerAnalyzer(),
        }.SelectMany(a => a.SupportedDiagnostics);

    [Test]
    public void Every_rule_has_a_page_a_release_entry_an_index_row_and_a_help_link()
    {
        var releases = RepositoryFiles.Read("src", "Analyzers", "AnalyzerReleases.Unshipped.md");
        var index = RepositoryFiles.Read("docs", "rules", "README.md");
        foreach (var descriptor in Descriptors())
        {
            var page = RepositoryFiles.Read("docs", "rules", descriptor.Id + ".md");
            Assert.That(page, Does.StartWith($"# {descriptor.Id} - {descriptor.Title}"), descriptor.Id);
            Assert.That(page, Does.Contain("## Non-compliant").And.Contain("## Compliant").And.Contain("## Suppressing"), descriptor.Id);
            Assert.That(releases, Does.Contain($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity}"), descriptor.Id);
            Assert.That(index, Does.Contain($"[{descriptor.Id}]({descriptor.Id}.md)"), descriptor.Id);
            Assert.That(descriptor.HelpLinkUri, Does.EndWith($"docs/rules/{descriptor.Id}.md"), descriptor.Id);
        }
    }

    [Test]
    public void Determinism_rules_are_warnings_and_identity_and_handler_rules_errors()
    {
        foreach (var descriptor in Descriptors())
        {
            var expected = descriptor.Id.StartsWith("WF1", StringComparison.Ordinal) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            Assert.That(descriptor.DefaultSeverity, Is.EqualTo(expected), descriptor.Id);
        }
        Assert.That(Descriptors().Select(d => d.Id).Distinct(), Is.EquivalentTo(Enumerable.Range(1001, 16).Select(n => $"WF{n}").Concat(["WF2001", "WF2002", "WF2003", "WF2004", "WF4001", "WF4002"])));
    }
}
