using Microsoft.CodeAnalysis;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Docs;

/// <summary>
/// Every console program of README.md and docs/*.md that opens an embedded store runs, compiled with the generator
/// and started as its own process in an empty directory, twice: a reader who runs an example again (the store file
/// is still there) must not get an exception. Where the page shows what the runs print — a <c>```text</c> block
/// right after the program, each run starting with a line <c>$ dotnet run</c> — the output must be exactly that.
/// Programs that need a server (PostgreSQL) or host a web app are left to the compile test.
/// </summary>
public sealed class DocumentationProgramTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static IEnumerable<TestCaseData> Programs() =>
        DocumentationPages.All().SelectMany(page => DocumentationPages.Blocks(page).Where(IsRunnable)
            .Select(block => new TestCaseData(page, block.Line).SetArgDisplayNames($"{page}:{block.Line}")));

    [TestCaseSource(nameof(Programs))]
    public void Runs_twice_without_an_error(string page, int line)
    {
        var blocks = DocumentationPages.Blocks(page);
        var program = blocks.Single(b => b.Line == line);
        var types = blocks.Where(b => !b.IsProgram).Select(b => b.Code);
        var directory = Path.Combine(Path.GetTempPath(), "workflows-doc-programs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var assembly = Build(directory, [DocumentationCodeTests.ImplicitUsings, .. types, program.Code]);
            var first = Dotnet.Run(directory, Timeout, "exec", assembly);
            var second = Dotnet.Run(directory, Timeout, "exec", assembly);

            Assert.That(first.ExitCode, Is.Zero, $"first run of {page}:{line}:\n{first.Output}");
            Assert.That(second.ExitCode, Is.Zero, $"second run of {page}:{line} (the store file of the first run is there):\n{second.Output}");
            string[] outputs = [first.Output, second.Output];
            foreach (var (shown, run) in program.Shown.Select((text, index) => (text, index)))
                Assert.That(Lines(outputs[run]), Is.EqualTo(Lines(shown)), $"run {run + 1} of {page}:{line} prints what the page shows");
        }
        finally
        {
            Dotnet.TryDeleteDirectory(directory);
        }
    }

    /// <summary>Compiles the program with the generator into <paramref name="directory"/>, beside the assemblies it needs and a runtime config.</summary>
    private static string Build(string directory, string[] sources)
    {
        var run = GeneratorRun.Of(sources.Select((s, i) => ($"Block{i}.cs", s)), OutputKind.ConsoleApplication);
        var path = Path.Combine(directory, "DocProgram.dll");
        var emitted = run.Output.Emit(path);
        Assert.That(emitted.Success, Is.True, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        foreach (var dependency in Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(IsDependency))
            File.Copy(dependency, Path.Combine(directory, Path.GetFileName(dependency)));
        // The logging and hosting abstractions come with the ASP.NET Core shared framework, as in this test's own run.
        File.WriteAllText(Path.Combine(directory, "DocProgram.runtimeconfig.json"), $$"""
            { "runtimeOptions": { "tfm": "net10.0", "frameworks": [
              { "name": "Microsoft.NETCore.App", "version": "{{Environment.Version.Major}}.0.0" },
              { "name": "Microsoft.AspNetCore.App", "version": "{{Environment.Version.Major}}.0.0" } ] } }
            """);
        return path;
    }

    private static bool IsDependency(string path) => Path.GetFileName(path) is var name
        && (name.StartsWith("Workflows.", StringComparison.Ordinal) || name.StartsWith("LiteDB", StringComparison.Ordinal) || name.StartsWith("Cronos", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
        && !name.Contains(".Tests", StringComparison.Ordinal);

    private static string[] Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)];

    // A console program on the embedded store: no server, no web host, no input to type.
    private static bool IsRunnable(DocumentationBlock block) => block.IsProgram && block.Code is var code && code.Contains("WorkflowEngine.Open(", StringComparison.Ordinal)
        && !code.Contains("PostgreSql", StringComparison.Ordinal) && !code.Contains("Builder", StringComparison.Ordinal) && !code.Contains("ReadLine", StringComparison.Ordinal);
}
