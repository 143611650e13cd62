using System.Runtime.CompilerServices;
using System.Text;

namespace Workflows.Generator.Tests.Support;

/// <summary>
/// Compares text with <c>_snapshots/{name}.verified.cs</c> beside the calling test. On a difference it writes
/// <c>{name}.received.cs</c> and fails with the first differing lines. Accept intended changes with
/// <c>tests/accept-snapshots.sh</c> (or run the tests with WORKFLOWS_ACCEPT_SNAPSHOTS=1).
/// </summary>
public static class Snapshot
{
    public static void Match(string actual, string name, string extension = "cs", [CallerFilePath] string testFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(testFile)!, "_snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        actual = actual.ReplaceLineEndings("\n");

        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        if (Environment.GetEnvironmentVariable("WORKFLOWS_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified} yet. Review {received} and accept it with tests/accept-snapshots.sh."
            : $"Generated text differs from {verified}; see {received}.\n{FirstDifference(expected, actual)}\nAccept an intended change with tests/accept-snapshots.sh.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var line = 0;
        while (line < want.Length && line < got.Length && want[line] == got[line]) line++;
        var report = new StringBuilder($"First difference at line {line + 1}:\n");
        for (var i = Math.Max(0, line - 2); i < Math.Min(Math.Max(want.Length, got.Length), line + 3); i++)
        {
            if (i < want.Length && (i >= got.Length || want[i] != got[i])) report.Append("- ").AppendLine(want[i]);
            if (i < got.Length && (i >= want.Length || want[i] != got[i])) report.Append("+ ").AppendLine(got[i]);
            if (i < want.Length && i < got.Length && want[i] == got[i]) report.Append("  ").AppendLine(want[i]);
        }
        return report.ToString();
    }
}
