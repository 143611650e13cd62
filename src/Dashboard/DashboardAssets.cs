using Microsoft.AspNetCore.Http;

namespace Workflows.Dashboard;

/// <summary>The stylesheet and script, embedded in the assembly and served from it.</summary>
internal static class DashboardAssets
{
    private static readonly Dictionary<string, (byte[] Content, string Type)> Files = new(StringComparer.Ordinal)
    {
        ["dashboard.css"] = (Read("dashboard.css"), "text/css; charset=utf-8"),
        ["dashboard.js"] = (Read("dashboard.js"), "text/javascript; charset=utf-8"),
    };

    public static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file) ? Results.Bytes(file.Content, file.Type) : Results.NotFound();

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream($"Workflows.Dashboard.Assets.{name}")
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is missing from its assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
