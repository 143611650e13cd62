namespace Workflows.Runtime.Tests.Support;

public enum StoreKind
{
    InMemory,
    LiteDb,
}
