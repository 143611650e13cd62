using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Docs;

/// <summary>
/// Every console program of README.md and docs/*.md that opens an embedded store runs, compiled with the generator
/// and started as its own process in an empty directory, twice: a reader who runs an example again (the store file
/// is still there) must not get an exception. Where the page shows what the runs print — a <c>```text</c> block
/// right after the program, each run starting with a line <c>$ dotnet run</c> — the output must be exactly that.
/// Programs that need a server (PostgreSQL) or host a web app are left to the compile test.
/// </summary>
public sealed partial class DocumentationProgramTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static IEnumerable<TestCaseData> Programs()
    {
        var root = Dotnet.RepositoryRoot();
        var pages = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md")).Order(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var relative = Path.GetRelativePath(root, page);
            foreach (var block in Blocks(page).Where(b => IsRunnable(b.Code)))
                yield return new TestCaseData(relative, block.Line).SetArgDisplayNames($"{relative}:{block.Line}");
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void Runs_twice_without_an_error(string page, int line)
    {
        var blocks = Blocks(Path.Combine(Dotnet.RepositoryRoot(), page));
        var program = blocks.Single(b => b.Line == line);
        var types = blocks.Where(b => !IsProgram(b.Code)).Select(b => b.Code);
        var directory = Path.Combine(Path.GetTempPath(), "workflows-doc-programs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var assembly = Build(directory, [DocumentationCodeTests.ImplicitUsings, .. types, program.Code]);
            var first = Run(directory, assembly);
            var second = Run(directory, assembly);

            Assert.That(first.ExitCode, Is.Zero, $"first run of {page}:{line}:\n{first.Output}");
            Assert.That(second.ExitCode, Is.Zero, $"second run of {page}:{line} (the store file of the first run is there):\n{second.Output}");
            string[] outputs = [first.Output, second.Output];
            foreach (var (shown, run) in program.Shown.Select((text, index) => (text, index)))
                Assert.That(Lines(outputs[run]), Is.EqualTo(Lines(shown)), $"run {run + 1} of {page}:{line} prints what the page shows");
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp directory left behind is harmless.
            }
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
        && (name.StartsWith("Workflows.", StringComparison.Ordinal) || name.StartsWith("LiteDB", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
        && !name.Contains(".Tests", StringComparison.Ordinal);

    private static (int ExitCode, string Output) Run(string directory, string assembly)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{assembly} did not finish within {Timeout}.");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>The C# blocks of a page, each with the outputs of its runs when a <c>```text</c> block right after it shows them.</summary>
    private static List<(int Line, string Code, string[] Shown)> Blocks(string page)
    {
        var text = File.ReadAllText(page);
        return [.. CodeBlock().Matches(text).Select(m => (text[..m.Index].Count(c => c == '\n') + 2, m.Groups["code"].Value, Shown(text[(m.Index + m.Length)..])))];
    }

    private static string[] Shown(string after)
    {
        var output = OutputBlock().Match(after);
        if (!output.Success) return [];
        // Each run starts at a "$ dotnet run" line (which may carry a comment); what follows it is that run's output.
        return [.. output.Groups["text"].Value.Split("$ dotnet run", StringSplitOptions.None).Skip(1)
            .Select(run => run.Contains('\n', StringComparison.Ordinal) ? run[(run.IndexOf('\n', StringComparison.Ordinal) + 1)..] : "")];
    }

    private static string[] Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)];

    // A console program on the embedded store: no server, no web host, no input to type.
    private static bool IsRunnable(string code) =>
        IsProgram(code) && code.Contains("WorkflowEngine.Open(", StringComparison.Ordinal)
        && !code.Contains("PostgreSql", StringComparison.Ordinal) && !code.Contains("Builder", StringComparison.Ordinal) && !code.Contains("ReadLine", StringComparison.Ordinal);

    private static bool IsProgram(string code) =>
        ((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, GeneratorRun.ParseOptions).GetRoot()).Members.OfType<GlobalStatementSyntax>().Any();

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    // Only blank lines and prose-free space between the program and its output block.
    [GeneratedRegex(@"\A\s*```text\r?\n(?<text>\$ dotnet run.*?)```", RegexOptions.Singleline)]
    private static partial Regex OutputBlock();
}
