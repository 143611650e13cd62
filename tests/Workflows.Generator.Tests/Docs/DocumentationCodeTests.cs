using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of README.md and docs/*.md compiles, with the generator, against the runtime, the
/// hosting and PostgreSQL packages and ASP.NET Core. Blocks of one page that declare only types are shared by the page; each block
/// with top-level statements is a program compiled with them. The rule pages (docs/rules) show fragments next to
/// the analyzer tests that check the same code.
/// </summary>
public sealed class DocumentationCodeTests
{
    internal const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    public static IEnumerable<TestCaseData> Pages() => DocumentationPages.All().Select(page => new TestCaseData(page).SetArgDisplayNames(page));

    [TestCaseSource(nameof(Pages))]
    public void Every_csharp_block_compiles(string page)
    {
        var blocks = DocumentationPages.Blocks(page)
            .Select(b => (b.Line, b.IsProgram, Tree: CSharpSyntaxTree.ParseText(b.Code, GeneratorRun.ParseOptions, $"{page}:{b.Line}")))
            .ToList();
        if (blocks.Count == 0) Assert.Pass($"{page} has no C# blocks.");

        var types = blocks.Where(b => !b.IsProgram).Select(b => b.Tree).ToList();
        var programs = blocks.Where(b => b.IsProgram).ToList();
        var problems = new List<string>();
        if (programs.Count == 0) problems.AddRange(Errors(types, OutputKind.DynamicallyLinkedLibrary));
        foreach (var program in programs) problems.AddRange(Errors([.. types, program.Tree], OutputKind.ConsoleApplication));

        Assert.That(problems.Distinct(), Is.Empty, $"C# blocks of {page} do not compile (locations are page:line of the block's first line + line within it)");
    }

    private static IEnumerable<string> Errors(IReadOnlyList<SyntaxTree> trees, OutputKind kind)
    {
        var run = GeneratorRun.Of([("ImplicitUsings.cs", ImplicitUsings), .. trees.Select(t => (t.FilePath, t.ToString()))], kind);
        return run.GeneratorDiagnostics.Concat(run.Output.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Location.GetLineSpan().Path}+{d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id} {d.GetMessage()}");
    }
}
