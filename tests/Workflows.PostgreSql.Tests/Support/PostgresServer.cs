using System.Diagnostics;
using Npgsql;

namespace Workflows.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server of this test run: the one named by WORKFLOWS_POSTGRES, or a throwaway cluster started by
/// scripts/test-postgres.sh (installed first when missing) and removed afterwards. The tests fail when no server can
/// be had; WORKFLOWS_SKIP_POSTGRES=1 skips them instead.
/// </summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private static string? _connectionString;
    private string? _clusterDirectory;

    /// <summary>The connection string of the server every test uses.</summary>
    public static string ConnectionString => _connectionString ?? throw new InvalidOperationException("The PostgreSQL server was not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (Environment.GetEnvironmentVariable("WORKFLOWS_SKIP_POSTGRES") == "1")
            Assert.Ignore("WORKFLOWS_SKIP_POSTGRES=1: the PostgreSQL tests are skipped.");
        _connectionString = Environment.GetEnvironmentVariable("WORKFLOWS_POSTGRES");
        if (string.IsNullOrEmpty(_connectionString))
        {
            _clusterDirectory = Path.Combine(Path.GetTempPath(), "workflows-pg-" + Guid.NewGuid().ToString("N")[..12]);
            var (code, output, error) = await RunScriptAsync("start", _clusterDirectory);
            if (code != 0)
                Assert.Fail($"Could not start a PostgreSQL server for the tests (scripts/test-postgres.sh start exited with {code}): {error}{output}\n" +
                            "Install the 'postgresql' package, point WORKFLOWS_POSTGRES at a server, or set WORKFLOWS_SKIP_POSTGRES=1 to skip these tests.");
            _connectionString = output.Trim().Split('\n')[^1];
        }
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDirectory is not null) await RunScriptAsync("stop", _clusterDirectory);
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

    private static async Task<(int Code, string Output, string Error)> RunScriptAsync(string verb, string directory)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "test-postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
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
