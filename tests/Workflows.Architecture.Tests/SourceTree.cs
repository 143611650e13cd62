using System.Text.RegularExpressions;

namespace Workflows.Architecture.Tests;

/// <summary>The repository's source files, found from the test's output directory.</summary>
internal static partial class SourceTree
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every C# file under <paramref name="relativeDirectory"/>, generated build output excluded.</summary>
    public static IEnumerable<string> CSharpFiles(string relativeDirectory) =>
        Directory.EnumerateFiles(Path.Combine(Root, relativeDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(Root, path)));

    /// <summary>The names of the types declared in <paramref name="path"/> (nested ones included), without generic arity.</summary>
    public static IEnumerable<string> DeclaredTypeNames(string path) =>
        TypeDeclaration().Matches(File.ReadAllText(path)).Select(match => match.Groups["name"].Value);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Workflows.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No Workflows.sln above {AppContext.BaseDirectory}: the architecture tests read the sources beside it.");
    }

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|protected|file|static|sealed|abstract|partial|readonly|ref|unsafe|new)\s+)*(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
