namespace Workflows.Storage.LiteDb;

/// <summary>
/// Rewrites a store created with LiteDB's default collation, which compares keys by culture and ignoring case (so
/// instance IDs differing only in case were one key), into one that compares them ordinally. The new file is built
/// beside the old one and closed (everything in its data file) before it takes the old one's name in one rename; the
/// old file is kept beside it as a backup. A crash at any point leaves a complete store under the original name.
/// </summary>
internal static class OrdinalKeyMigration
{
    private static readonly string[] Collections = ["meta", "instances", "journal", "inbox"];

    /// <summary>Migrates the store open as <paramref name="current"/> (which is closed) and returns it reopened.</summary>
    public static DurableLiteDatabase Migrate(DurableLiteDatabase current, string fullPath, string? password)
    {
        var building = DurableLiteDatabase.SiblingPath(fullPath, "-migrating");
        var backup = BackupPath(fullPath);
        DeleteWithLog(building); // left by a migration that did not finish
        using (var next = DurableLiteDatabase.Open(building, password))
        {
            foreach (var name in Collections)
            {
                var source = current.Database.GetCollection(name);
                var target = next.Database.GetCollection(name);
                next.Database.BeginTrans();
                foreach (var document in source.FindAll()) target.Insert(document);
                next.Database.Commit();
                next.MakeCommitDurable();
            }
            next.Database.GetCollection("instances").EnsureIndex("st");
        }
        current.Dispose();
        File.Copy(fullPath, backup, overwrite: true);
        File.Move(building, fullPath, overwrite: true);
        return DurableLiteDatabase.Open(fullPath, password);
    }

    /// <summary>The backup a migration keeps of <paramref name="fullPath"/>.</summary>
    public static string BackupPath(string fullPath) => DurableLiteDatabase.SiblingPath(fullPath, "-before-ordinal-keys");

    private static void DeleteWithLog(string path)
    {
        File.Delete(path);
        File.Delete(DurableLiteDatabase.LogPath(path));
    }
}
