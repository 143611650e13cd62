using LiteDB;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// A journal document as a scan read it: its key, and its packed entry (schema 2) or, from a schema 1 file, the
/// document with one field per property. A journal is decoded only after its scan: decoded during it, each entry and
/// its strings landed among the scan's garbage for that document (about 1.75 KB), and a replay walking 10,000 of
/// them missed the cache on nearly every one; decoded afterwards they lie side by side.
/// </summary>
internal readonly record struct JournalRecord(string Key, byte[]? Packed, BsonDocument? Fields)
{
    public static JournalRecord Of(BsonDocument document) => document.TryGetValue("e", out var packed)
        ? new(document["_id"].AsString, packed.AsBinary ?? [], null) // not binary: decoding the empty entry reports it
        : new(document["_id"].AsString, null, document);
}
