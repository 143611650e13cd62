namespace Workflows.PostgreSql.Tests;

/// <summary>A PostgreSQL cluster of one test's own, which the test may stop and start again (an outage).</summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _directory;

    private PrivateCluster(string directory, string connectionString)
    {
        _directory = directory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static PrivateCluster Start()
    {
        _ = PostgresServer.ConnectionString; // skips the test when PostgreSQL tests are turned off
        var directory = Path.Combine(Path.GetTempPath(), "workflows-pg-own-" + Guid.NewGuid().ToString("N")[..12]);
        var (code, output, error) = PostgresServer.RunScript("start", directory);
        if (code != 0) throw new InvalidOperationException($"Could not start a private PostgreSQL cluster: {error}");
        return new PrivateCluster(directory, output.Trim().Split('\n')[^1]);
    }

    /// <summary>Stops the server (fast shutdown: sessions are cut); the data stays.</summary>
    public void Pause() => Run("pause");

    /// <summary>Starts the server again on the same port.</summary>
    public void Resume() => Run("resume");

    private void Run(string verb)
    {
        var (code, _, error) = PostgresServer.RunScript(verb, _directory);
        if (code != 0) throw new InvalidOperationException($"scripts/test-postgres.sh {verb} failed: {error}");
    }

    public ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        PostgresServer.RunScript("stop", _directory);
        return ValueTask.CompletedTask;
    }
}
