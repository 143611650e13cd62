using System.Reflection;

namespace Workflows.Cli.Inspection;

/// <summary>
/// The shipped-manifests file (workflows.shipped.txt) that the generator checks the code against: one line per
/// durable call of each workflow, as the generator records them in the built assembly (GeneratedManifests.Shipped).
/// </summary>
internal static class ShippedManifests
{
    public const string FileName = Shared.ShippedManifestContract.FileName;

    private const string Header = """
        # The durable calls of each shipped workflow, in order. The build compares the code with this file (WF3007): a
        # change that would stop an instance of a shipped version is an error unless Workflow.Patched guards it.
        # Update it when you release: workflows ship <the built .dll>
        """;

    /// <summary>The current calls of every workflow of <paramref name="assembly"/>, as lines of the file.</summary>
    public static IReadOnlyList<string> Of(Assembly assembly, string path)
    {
        var manifests = assembly.GetType("Workflows.GeneratedManifests", throwOnError: false);
        if (manifests?.GetField("Shipped", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string lines)
            throw new CliException(ExitCodes.CannotReplay,
                $"'{path}' has no generated workflow manifests: pass an assembly built with this version of the Workflows generator that declares [Workflow] methods.");
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The file's text with <paramref name="calls"/>, keeping the comment lines that open <paramref name="existing"/>.</summary>
    public static string Render(string? existing, IReadOnlyList<string> calls)
    {
        var header = existing is null ? Header.ReplaceLineEndings("\n").Split('\n')
            : [.. existing.ReplaceLineEndings("\n").Split('\n').TakeWhile(line => line.StartsWith('#'))];
        return string.Join('\n', header.Concat(calls)) + "\n";
    }

    /// <summary>The workflows whose lines differ between the file's text and <paramref name="calls"/>.</summary>
    public static IReadOnlyList<string> Differences(string existing, IReadOnlyList<string> calls)
    {
        var recorded = ByWorkflow(existing.ReplaceLineEndings("\n").Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')));
        var current = ByWorkflow(calls);
        return [.. recorded.Keys.Union(current.Keys).Where(w => !recorded.TryGetValue(w, out var a) || !current.TryGetValue(w, out var b) || !a.SequenceEqual(b)).Order(StringComparer.Ordinal)];
    }

    private static Dictionary<string, List<string>> ByWorkflow(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim()).GroupBy(l => l.Split(':')[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
}
