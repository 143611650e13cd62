namespace Workflows.Storage.LiteDb;

/// <summary>
/// The lock file beside a LiteDB store, held exclusively while a process has the store open (the OS lets go of it when
/// the process dies, however it dies). It also holds whether the store is open: a process that died with it open left
/// that behind, so the next one knows its running instances are recovered after a crash.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private const byte OpenMark = (byte)'1';
    private const byte ClosedMark = (byte)'0';
    private readonly FileStream _file;

    public StoreLock(FileStream file)
    {
        _file = file;
        OpenedAfterCrash = file.Length > 0 && file.ReadByte() == OpenMark;
        Mark(OpenMark);
    }

    /// <summary>Whether the process that had the store open before died without closing it.</summary>
    public bool OpenedAfterCrash { get; }

    /// <summary>Notes that the store was closed cleanly, and lets go of the lock.</summary>
    public void Dispose()
    {
        try
        {
            Mark(ClosedMark);
        }
        catch (IOException)
        {
            // Taken for a crash at the next open: its running instances count one recovery.
        }
        _file.Dispose();
    }

    private void Mark(byte mark)
    {
        _file.Position = 0;
        _file.WriteByte(mark);
        _file.SetLength(1);
        _file.Flush(flushToDisk: true);
    }
}
