using System.Diagnostics;

namespace Workflows.Benchmarks.ScaleOut;

/// <summary>
/// The PostgreSQL server P7 runs on: the one WORKFLOWS_POSTGRES names, or a throwaway cluster from
/// scripts/test-postgres.sh (the one the tests use), removed afterwards.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly string? _directory;

    private TestCluster(string connectionString, string? directory)
    {
        ConnectionString = connectionString;
        _directory = directory;
    }

    public string ConnectionString { get; }

    /// <summary>The cluster, or null with the reason when none can be had.</summary>
    public static async Task<(TestCluster? Cluster, string? Reason)> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("WORKFLOWS_POSTGRES") is { Length: > 0 } given) return (new TestCluster(given, null), null);
        if (Environment.GetEnvironmentVariable("WORKFLOWS_SKIP_POSTGRES") == "1") return (null, "WORKFLOWS_SKIP_POSTGRES=1");
        var directory = Path.Combine(Path.GetTempPath(), "workflows-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var (code, output, error) = await ScriptAsync("start", directory);
        return code == 0 ? (new TestCluster(output.Trim().Split('\n')[^1], directory), null) : (null, $"scripts/test-postgres.sh start failed: {error}");
    }

    private static async Task<(int Code, string Output, string Error)> ScriptAsync(string verb, string directory)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Workflows.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Workflows.sln not found");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(root, "scripts", "test-postgres.sh"), verb, directory }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null) await ScriptAsync("stop", _directory);
    }
}
