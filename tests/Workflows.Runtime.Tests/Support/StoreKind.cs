namespace Workflows.Runtime.Tests.Support;

public enum StoreKind
{
    InMemory,
    LiteDb,
    /// <summary>The PostgreSQL store, shared-store mode, one engine; a schema per test.</summary>
    PostgreSql,
}
