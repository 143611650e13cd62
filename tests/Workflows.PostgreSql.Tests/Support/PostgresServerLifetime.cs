namespace Workflows.PostgreSql.Tests;

/// <summary>Removes the throwaway PostgreSQL cluster once every test of this assembly ran.</summary>
[SetUpFixture]
public sealed class PostgresServerLifetime
{
    [OneTimeTearDown]
    public void StopServer() => PostgresServer.Stop();
}
