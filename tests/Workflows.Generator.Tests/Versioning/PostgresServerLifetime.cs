using Workflows.PostgreSql.Tests;

namespace Workflows.Generator.Tests.Versioning;

/// <summary>Removes the throwaway PostgreSQL cluster, if a test started one, once every test of this assembly ran.</summary>
[SetUpFixture]
public sealed class PostgresServerLifetime
{
    [OneTimeTearDown]
    public void StopServer() => PostgresServer.Stop();
}
