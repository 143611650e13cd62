using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Docs;

/// <summary>One <c>```csharp</c> block of a page: the line of its first code line, its code, and what its runs print when the page shows it.</summary>
public sealed record DocumentationBlock(int Line, string Code, string[] Shown)
{
    /// <summary>Whether the block is a program (top-level statements) rather than declarations only.</summary>
    public bool IsProgram =>
        ((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(Code, GeneratorRun.ParseOptions).GetRoot()).Members.OfType<GlobalStatementSyntax>().Any();
}

/// <summary>README.md and docs/*.md, and their C# blocks, as the documentation tests read them.</summary>
public static partial class DocumentationPages
{
    /// <summary>The pages, relative to the repository root, in order.</summary>
    public static IEnumerable<string> All()
    {
        var root = Dotnet.RepositoryRoot();
        return new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"))
            .Select(page => Path.GetRelativePath(root, page)).Order(StringComparer.Ordinal);
    }

    /// <summary>The C# blocks of <paramref name="page"/> (relative to the repository root).</summary>
    public static List<DocumentationBlock> Blocks(string page)
    {
        var text = File.ReadAllText(Path.Combine(Dotnet.RepositoryRoot(), page));
        return [.. CodeBlock().Matches(text).Select(m => new DocumentationBlock(text[..m.Index].Count(c => c == '\n') + 2, m.Groups["code"].Value, Shown(text[(m.Index + m.Length)..])))];
    }

    /// <summary>The outputs a <c>```text</c> block right after a program shows, one per <c>$ dotnet run</c> line.</summary>
    private static string[] Shown(string after)
    {
        var output = OutputBlock().Match(after);
        if (!output.Success) return [];
        // Each run starts at a "$ dotnet run" line (which may carry a comment); what follows it is that run's output.
        return [.. output.Groups["text"].Value.Split("$ dotnet run", StringSplitOptions.None).Skip(1)
            .Select(run => run.Contains('\n', StringComparison.Ordinal) ? run[(run.IndexOf('\n', StringComparison.Ordinal) + 1)..] : "")];
    }

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    // Only blank lines between the program and its output block.
    [GeneratedRegex(@"\A\s*```text\r?\n(?<text>\$ dotnet run.*?)```", RegexOptions.Singleline)]
    private static partial Regex OutputBlock();
}
