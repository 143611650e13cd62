using System.Diagnostics;
using Npgsql;

namespace Workflows.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server of this test run: the one named by WORKFLOWS_POSTGRES, or a throwaway cluster started by
/// scripts/test-postgres.sh on first use and removed when the test process ends. Without an installed server (the
/// tests install nothing: `scripts/test-postgres.sh install` does, as root) or with WORKFLOWS_SKIP_POSTGRES=1, the
/// tests are skipped with the reason (<see cref="MissingPrerequisite"/>); a server that is installed but will not start
/// fails them. Compiled into every test project that runs tests on PostgreSQL.
/// </summary>
public static class PostgresServer
{
    // The exit code of scripts/test-postgres.sh start when no server is installed.
    private const int NotInstalled = 3;
    private static readonly Lazy<(string? ConnectionString, string? Missing)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _clusterDirectory;

    /// <summary>Whether the user asked to skip the PostgreSQL tests.</summary>
    public static bool Skipped => Environment.GetEnvironmentVariable("WORKFLOWS_SKIP_POSTGRES") == "1";

    /// <summary>Whether a server was started (or given) for this run, so there is something to clean up.</summary>
    public static bool Started => !Skipped && Server.IsValueCreated && Server.Value.Missing is null;

    /// <summary>The connection string of the server; starts it on first use, and skips the test when there is none.</summary>
    public static string ConnectionString
    {
        get
        {
            if (Skipped) MissingPrerequisite.Skip("WORKFLOWS_SKIP_POSTGRES=1: the PostgreSQL tests are skipped.");
            var (connectionString, missing) = Server.Value;
            if (missing is not null) MissingPrerequisite.Skip(missing);
            return connectionString!;
        }
    }

    private static (string?, string?) Start()
    {
        var given = Environment.GetEnvironmentVariable("WORKFLOWS_POSTGRES");
        if (!string.IsNullOrEmpty(given)) return (given, null);
        _clusterDirectory = Path.Combine(Path.GetTempPath(), "workflows-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var (code, output, error) = RunScript("start", _clusterDirectory);
        if (code == NotInstalled)
        {
            _clusterDirectory = null;
            return (null, "PostgreSQL is not installed: the PostgreSQL tests are skipped (run 'sudo bash scripts/test-postgres.sh install', or set WORKFLOWS_POSTGRES to a server).");
        }
        if (code != 0)
            throw new InvalidOperationException($"Could not start a PostgreSQL server for the tests (scripts/test-postgres.sh start exited with {code}): {error}{output}\n" +
                                                "Point WORKFLOWS_POSTGRES at a server, or set WORKFLOWS_SKIP_POSTGRES=1 to skip these tests.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        return (output.Trim().Split('\n')[^1], null);
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

    /// <summary>Drops a test's schema with everything in it; nothing to do when the test was skipped for want of a server.</summary>
    public static async Task DropSchemaAsync(string schema)
    {
        if (!Started) return;
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
