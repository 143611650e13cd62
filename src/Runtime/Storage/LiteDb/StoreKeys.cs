using System.Security.Cryptography;
using System.Text;
using LiteDB;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// Builds LiteDB primary keys. Keys are prefix-ordered (instance, execution, operation) so one range scan loads a
/// journal or purges an instance; parts too long for LiteDB's 1,023-byte index keys are replaced by a hash.
/// </summary>
internal static class StoreKeys
{
    private const char Separator = '\u001f';
    private const char HashMarker = '\u001e';
    private const int MaxPartBytes = 400;

    public static string Instance(string instanceId) => Part(instanceId);

    public static string InstancePrefix(string instanceId) => Part(instanceId) + Separator;

    public static string JournalPrefix(string instanceId, int execution) =>
        $"{InstancePrefix(instanceId)}{execution:D6}{Separator}";

    public static string Journal(JournalEntry entry) =>
        JournalPrefix(entry.InstanceId, entry.Execution) + Part(entry.OperationId);

    public static string Inbox(string instanceId, string messageId) => InstancePrefix(instanceId) + Part(messageId);

    /// <summary>
    /// An index scan for the keys that start with <paramref name="prefix"/>. The expression text is constant and the
    /// pattern a parameter, because LiteDB compiles and caches every distinct expression text for the life of the
    /// process. LIKE treats '_' and '%' as wildcards, so the scan may return more: filter with <see cref="HasPrefix"/>.
    /// </summary>
    public static BsonExpression Scan(string prefix) => BsonExpression.Create("_id LIKE @0", new BsonValue(prefix + "%"));

    /// <summary>Whether the document's key really starts with <paramref name="prefix"/> (ordinal, no wildcards).</summary>
    public static bool HasPrefix(BsonDocument document, string prefix) => document["_id"].AsString.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>The documents of <paramref name="collection"/> whose key starts with <paramref name="prefix"/>, by one index scan.</summary>
    public static IEnumerable<BsonDocument> FindStartingWith(ILiteCollection<BsonDocument> collection, string prefix) =>
        collection.Find(Scan(prefix)).Where(d => HasPrefix(d, prefix));

    private static string Part(string value)
    {
        if (value.Length * 3 <= MaxPartBytes || Encoding.UTF8.GetByteCount(value) <= MaxPartBytes) return value;
        return HashMarker + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }
}
