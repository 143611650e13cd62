namespace Workflows.Architecture.Tests;

/// <summary>No source file grows past what one reader holds in mind: 300 lines.</summary>
public sealed class FileSizeTests
{
    private const int MaxLines = 300;

    // File (relative to src/, '/'-separated) -> why it may be longer. Keep this empty unless a file is mostly
    // generated text or XML documentation of public API that reads better in one place.
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal);

    [Test]
    public void No_src_file_is_longer_than_300_lines()
    {
        var src = Path.Combine(SourceTree.Root, "src");
        var tooLong = SourceTree.CSharpFiles("src")
            .Select(path => (File: Path.GetRelativePath(src, path).Replace('\\', '/'), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxLines && !Exempt.ContainsKey(file.File))
            .Select(file => $"{file.File}: {file.Lines} lines")
            .ToList();
        Assert.That(tooLong, Is.Empty, $"Split these files by responsibility (at most {MaxLines} lines each), or exempt one in {nameof(FileSizeTests)} with the reason.");
    }
}
