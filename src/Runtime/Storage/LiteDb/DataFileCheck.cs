using System.Buffers.Binary;
using System.Text;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// Checks an existing LiteDB data file before LiteDB opens it. LiteDB treats a file shorter than its header as new
/// (a silent reset) and rewrites a damaged one while opening it; a truncated checkpoint store must instead be refused
/// untouched, so it can be restored or inspected.
/// </summary>
internal static class DataFileCheck
{
    private const int PageSize = 8192;
    private const int HeaderInfoOffset = 32;
    private const int LastPageIdOffset = 64;
    private const byte EncryptedMarker = 1;
    private static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <summary>Why the file cannot be a sound LiteDB data file, or null when it may be (or does not exist yet).</summary>
    public static string? FindDamage(string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (!file.Exists || file.Length == 0) return null;
        if (file.Length < PageSize || file.Length % PageSize != 0)
            return $"its length ({file.Length:N0} bytes) is not a whole number of {PageSize:N0}-byte pages, so it was truncated or is not a LiteDB file";

        var header = new byte[PageSize];
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            stream.ReadExactly(header);
        // An encrypted file starts with a plain page holding a marker byte and its salt; its header cannot be read
        // without the password. Any other file without LiteDB's header is not a LiteDB file at all.
        if (!header.AsSpan(HeaderInfoOffset, HeaderInfo.Length).SequenceEqual(HeaderInfo))
            return header[0] == EncryptedMarker ? null : "it is not a LiteDB file (its first page has neither LiteDB's header nor the marker of an encrypted one)";

        var lastPageId = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdOffset, 4));
        if ((lastPageId + 1L) * PageSize > file.Length)
            return $"its header records {lastPageId + 1:N0} pages but the file holds {file.Length / PageSize:N0}: it was truncated";
        // A file LiteDB marked invalid after an I/O failure (a full disk) is left to LiteDB: it rebuilds it on open and
        // keeps the original beside it as a backup.
        return null;
    }
}
