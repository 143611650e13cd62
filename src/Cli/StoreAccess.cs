using Workflows.Storage;
using Workflows.Storage.LiteDb;

namespace Workflows.Cli;

/// <summary>Opens a checkpoint file for a command, turning every reason it cannot be opened into a clear message.</summary>
internal static class StoreAccess
{
    public static LiteDbCheckpointStore Open(FileInfo database, string? password)
    {
        if (!database.Exists)
            throw new CliException(ExitCodes.StoreUnavailable, $"No checkpoint store at '{database.FullName}': the file does not exist.");
        try
        {
            return LiteDbCheckpointStore.Open(database.FullName, new LiteDbStoreOptions { Password = password });
        }
        catch (CheckpointStoreException ex)
        {
            throw new CliException(ExitCodes.StoreUnavailable, ex.Message, ex);
        }
    }

    public static async Task<InstanceRecord> GetInstanceAsync(ICheckpointStore store, string instanceId, FileInfo database, CancellationToken cancellationToken) =>
        await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
        ?? throw new CliException(ExitCodes.NotFound, $"No workflow instance '{instanceId}' in '{database.FullName}'. `workflows list {database.Name}` shows the instances.");
}
