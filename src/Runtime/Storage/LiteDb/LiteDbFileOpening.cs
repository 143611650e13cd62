using LiteDB;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// Opens a store's file for this process alone: takes the lock file, refuses a damaged, foreign, newer or undecryptable
/// file with an error that says which and what to do, and upgrades an older one.
/// </summary>
internal static class LiteDbFileOpening
{
    /// <summary>The lock held for the life of the store, and the opened file.</summary>
    /// <exception cref="CheckpointStoreException">The file cannot be opened; nothing was left open.</exception>
    public static (StoreLock Lock, DurableLiteDatabase Database) Open(string fullPath, LiteDbStoreOptions options)
    {
        var lockPath = fullPath + ".lock";
        var lockIsNew = !File.Exists(lockPath);
        var stream = AcquireLock(fullPath, lockPath);
        StoreLock fileLock;
        try
        {
            fileLock = new StoreLock(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        DurableLiteDatabase? db = null;
        try
        {
            if (DataFileCheck.FindDamage(fullPath) is { } damage) throw Corrupt(fullPath, damage, null);
            db = OpenDatabase(fullPath, options);
            CheckSchema(db.Database, fullPath);
            if (!db.HasOrdinalKeys) db = MigrateToOrdinalKeys(db, fullPath, options);
            return (fileLock, db);
        }
        catch
        {
            db?.Dispose();
            fileLock.Dispose();
            // A file that is no store gets no lock file left beside it.
            if (lockIsNew) TryDelete(lockPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: harmless, the next open takes it.
        }
    }

    private static FileStream AcquireLock(string fullPath, string lockPath)
    {
        // LiteDB does not stop a second process from opening the same file in direct mode; an exclusive lock
        // on a sibling file does, and the OS releases it when the process dies, however it dies.
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex)
        {
            throw new CheckpointStoreException(CheckpointStoreError.Locked,
                $"The checkpoint store '{fullPath}' is in use by another process (lock file '{lockPath}'). " +
                "Only one process may open it at a time: stop the other process, or give this one its own file.", ex);
        }
    }

    private static DurableLiteDatabase OpenDatabase(string fullPath, LiteDbStoreOptions options)
    {
        try
        {
            return DurableLiteDatabase.Open(fullPath, options.Password);
        }
        catch (Exception ex) when (ex is LiteException or InvalidOperationException or ArgumentException or InvalidCastException or IndexOutOfRangeException or IOException)
        {
            if (ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase))
                throw new CheckpointStoreException(CheckpointStoreError.WrongPassword,
                    $"The checkpoint store '{fullPath}' could not be decrypted: the password is missing or wrong. Open it with the password it was created with.", ex);
            throw Corrupt(fullPath, ex.Message, ex);
        }
    }

    private static DurableLiteDatabase MigrateToOrdinalKeys(DurableLiteDatabase db, string fullPath, LiteDbStoreOptions options)
    {
        try
        {
            return OrdinalKeyMigration.Migrate(db, fullPath, options.Password);
        }
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException)
        {
            throw new CheckpointStoreException(CheckpointStoreError.WriteFailed,
                $"The checkpoint store '{fullPath}' was created by an older version that compared IDs ignoring case, and rewriting it " +
                $"with exact IDs failed ({ex.Message}). Nothing in it is lost; free disk space or fix the permissions and open it again.", ex);
        }
    }

    private static void CheckSchema(LiteDatabase db, string fullPath)
    {
        try
        {
            var meta = db.GetCollection("meta");
            var schema = meta.FindById("schema");
            if (schema is null)
            {
                var foreign = db.GetCollectionNames().Where(n => n is not "meta").ToList();
                if (foreign.Count > 0)
                    throw Corrupt(fullPath, $"it is a LiteDB file but not a Workflows checkpoint store (collections: {string.Join(", ", foreign)})", null);
                meta.Insert(new BsonDocument { ["_id"] = "schema", ["version"] = LiteDbCheckpointStore.SchemaVersion, ["createdAt"] = DateTime.UtcNow.Ticks });
                db.Checkpoint();
                return;
            }

            var version = schema["version"].AsInt32;
            if (version > LiteDbCheckpointStore.SchemaVersion)
                throw new CheckpointStoreException(CheckpointStoreError.NewerSchema,
                    $"The checkpoint store '{fullPath}' has schema version {version}, but this version of Workflows reads up to {LiteDbCheckpointStore.SchemaVersion}. " +
                    "Upgrade the Workflows package; do not open the file with an older version.");
            if (version < LiteDbCheckpointStore.SchemaVersion)
            {
                schema["version"] = LiteDbCheckpointStore.SchemaVersion;
                meta.Update(schema);
                db.Checkpoint();
            }
        }
        catch (Exception ex) when (ex is LiteException or InvalidCastException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw Corrupt(fullPath, ex.Message, ex);
        }
    }

    private static CheckpointStoreException Corrupt(string fullPath, string detail, Exception? inner) =>
        new(CheckpointStoreError.Corrupt,
            $"The checkpoint store '{fullPath}' cannot be read: {detail}. Restore it from a backup, or move it away to start with an empty store.", inner);
}
