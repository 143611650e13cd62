using Workflows.Runtime.Tests.Support;
using Workflows.Storage;
using Workflows.Storage.InMemory;
using Workflows.Storage.LiteDb;

namespace Workflows.Runtime.Tests.Storage;

/// <summary>The store contract for the stores of the runtime package.</summary>
[TestFixture(StoreKind.InMemory)]
[TestFixture(StoreKind.LiteDb)]
public sealed class CheckpointStoreContractTests(StoreKind kind) : CheckpointStoreContract
{
    private string _directory = null!;

    protected override Task<ICheckpointStore> OpenEmptyStoreAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "workflows-store-tests-" + Guid.NewGuid().ToString("N"));
        ICheckpointStore store = kind == StoreKind.LiteDb ? LiteDbCheckpointStore.Open(Path.Combine(_directory, "store.db")) : new InMemoryCheckpointStore();
        return Task.FromResult(store);
    }

    protected override Task CleanUpAsync()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
