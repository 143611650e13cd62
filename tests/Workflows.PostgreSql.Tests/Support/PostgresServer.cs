using System.Diagnostics;
using Npgsql;

namespace Workflows.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server of this test run: the one named by WORKFLOWS_POSTGRES, or a throwaway cluster started by
/// scripts/test-postgres.sh (installed first when missing) on first use and removed when the test process ends. The
/// tests fail when no server can be had; WORKFLOWS_SKIP_POSTGRES=1 skips them instead. Compiled into every test
/// project that runs tests on PostgreSQL.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _clusterDirectory;

    /// <summary>Whether the user asked to skip the PostgreSQL tests.</summary>
    public static bool Skipped => Environment.GetEnvironmentVariable("WORKFLOWS_SKIP_POSTGRES") == "1";

    /// <summary>The connection string of the server; starts it on first use, and skips the test when asked to.</summary>
    public static string ConnectionString
    {
        get
        {
            if (Skipped) Assert.Ignore("WORKFLOWS_SKIP_POSTGRES=1: the PostgreSQL tests are skipped.");
            return Server.Value;
        }
    }

    private static string Start()
    {
        var given = Environment.GetEnvironmentVariable("WORKFLOWS_POSTGRES");
        if (!string.IsNullOrEmpty(given)) return given;
        _clusterDirectory = Path.Combine(Path.GetTempPath(), "workflows-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var (code, output, error) = RunScript("start", _clusterDirectory);
        if (code != 0)
            throw new InvalidOperationException($"Could not start a PostgreSQL server for the tests (scripts/test-postgres.sh start exited with {code}): {error}{output}\n" +
                                                "Install the 'postgresql' package, point WORKFLOWS_POSTGRES at a server, or set WORKFLOWS_SKIP_POSTGRES=1 to skip these tests.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        return output.Trim().Split('\n')[^1];
    }

    /// <summary>Stops and removes the throwaway cluster, if one was started; called after the run.</summary>
    public static void Stop()
    {
        if (Interlocked.Exchange(ref _clusterDirectory, null) is not { } directory) return;
        NpgsqlConnection.ClearAllPools();
        RunScript("stop", directory);
    }

    /// <summary>A new, unused schema name: each test gets its own tables.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Drops a test's schema with everything in it.</summary>
    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one SQL statement against the test server.</summary>
    public static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Runs scripts/test-postgres.sh with a verb and a cluster directory.</summary>
    public static (int Code, string Output, string Error) RunScript(string verb, string directory)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "test-postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The repository root: the first folder above the test assembly that holds Workflows.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Workflows.sln was not found above {AppContext.BaseDirectory}.");
    }
}
