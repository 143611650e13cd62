namespace Workflows.Storage.LiteDb;

/// <summary>
/// LiteDB's log file, opened by the store so that the store decides when it reaches the disk. LiteDB syncs its log
/// whenever its page writer runs dry, and the writer runs on the committing thread: that is one fsync per page of a
/// transaction. Here LiteDB's flush only hands the pages to the OS; the store syncs once per group commit, after
/// every page of the transaction was written (<see cref="DurableLiteDatabase.MakeCommitDurable"/>).
/// </summary>
internal sealed class LogFile(string path) : Stream
{
    // Unbuffered: each page LiteDB writes goes straight to the OS, so a sync covers everything written before it.
    private readonly FileStream _file = new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
    private volatile Exception? _writeFailure;

    public string Path { get; } = path;

    /// <summary>The failure of a page write; LiteDB swallows it on its writer, and the store must not acknowledge after it.</summary>
    public Exception? WriteFailure => _writeFailure;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _file.Write(buffer, offset, count);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _writeFailure = ex;
            throw;
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value) => _file.SetLength(value);

    /// <summary>LiteDB's flush: the pages are already with the OS; the store syncs them per group commit.</summary>
    public override void Flush()
    {
    }

    /// <summary>Makes everything written so far durable.</summary>
    public void Sync()
    {
        try
        {
            _file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _writeFailure = ex;
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
