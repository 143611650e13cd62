using System.Buffers.Binary;
using System.Text;

namespace Workflows.Storage.LiteDb;

/// <summary>
/// Packs a journal entry into one binary field (schema 2). LiteDB allocates about 100 bytes per BSON field it reads
/// back, and a replay reads every entry of a journal: one field instead of twelve halves what loading a journal
/// allocates and takes. The instance and execution are not stored; they are the key's prefix.
/// </summary>
internal static class JournalEntryCodec
{
    private const byte Format = 1;

    [Flags]
    private enum Present : byte
    {
        None = 0,
        Scope = 1,
        Result = 2,
        Error = 4,
        ErrorStackTrace = 8,
        NextAttemptAt = 16,
        Detail = 32,
        StartedAt = 64,
    }

    // Entries are encoded by the store's single writer thread; the scratch buffer is reused across entries.
    [ThreadStatic]
    private static byte[]? t_scratch;

    public static byte[] Encode(JournalEntry entry)
    {
        var present = Present.None;
        if (entry.Scope.Length > 0) present |= Present.Scope;
        if (entry.Result is not null) present |= Present.Result;
        if (entry.Error is { } error) present |= Present.Error | (error.StackTrace is null ? Present.None : Present.ErrorStackTrace);
        if (entry.NextAttemptAt is not null) present |= Present.NextAttemptAt;
        if (entry.Detail is not null) present |= Present.Detail;
        if (entry.StartedAt is not null) present |= Present.StartedAt;

        var writer = new Writer(t_scratch ??= new byte[256]);
        writer.Byte(Format);
        writer.Byte((byte)entry.Kind);
        writer.Byte((byte)entry.Status);
        writer.Byte((byte)present);
        writer.String(entry.OperationId);
        writer.String(entry.Name);
        if ((present & Present.Scope) != 0) writer.String(entry.Scope);
        writer.Number((uint)entry.Sequence);
        writer.Number((ulong)entry.CompletionIndex);
        writer.Number((uint)entry.Attempts);
        writer.Int64(entry.RecordedAt.Ticks);
        if (entry.NextAttemptAt is { } next) writer.Int64(next.Ticks);
        if (entry.Result is { } result) writer.String(result);
        if (entry.Error is { } failure)
        {
            writer.String(failure.Type);
            writer.String(failure.Message);
            if (failure.StackTrace is { } stackTrace) writer.String(stackTrace);
        }
        if (entry.Detail is { } detail) writer.String(detail);
        if (entry.StartedAt is { } started) writer.Int64(started.Ticks);
        t_scratch = writer.Buffer;
        return writer.Written.ToArray();
    }

    /// <summary>Reads an entry of <paramref name="instanceId"/>'s <paramref name="execution"/>; <paramref name="names"/> shares one string per step name.</summary>
    /// <exception cref="FormatException">The bytes are not an entry this version wrote.</exception>
    public static JournalEntry Decode(ReadOnlySpan<byte> bytes, string instanceId, int execution, Dictionary<string, string> names)
    {
        var reader = new Reader(bytes);
        if (reader.Byte() is var format && format != Format)
            throw new FormatException($"Journal entry format {format} is not one this version of Workflows reads.");
        var kind = (JournalEntryKind)reader.Byte();
        var status = (JournalEntryStatus)reader.Byte();
        var present = (Present)reader.Byte();
        var operationId = reader.String();
        var name = reader.String();
        if (!names.TryAdd(name, name)) name = names[name];
        var scope = (present & Present.Scope) != 0 ? reader.String() : "";
        var sequence = (int)(uint)reader.Number();
        var completionIndex = (long)reader.Number();
        var attempts = (int)(uint)reader.Number();
        var recordedAt = new DateTime(reader.Int64(), DateTimeKind.Utc);
        DateTime? nextAttemptAt = (present & Present.NextAttemptAt) != 0 ? new DateTime(reader.Int64(), DateTimeKind.Utc) : null;
        var result = (present & Present.Result) != 0 ? reader.String() : null;
        WorkflowError? error = null;
        if ((present & Present.Error) != 0)
        {
            var type = reader.String();
            var message = reader.String();
            error = new WorkflowError(type, message, (present & Present.ErrorStackTrace) != 0 ? reader.String() : null);
        }
        var detail = (present & Present.Detail) != 0 ? reader.String() : null;
        DateTime? startedAt = (present & Present.StartedAt) != 0 ? new DateTime(reader.Int64(), DateTimeKind.Utc) : null;
        if (!reader.AtEnd) throw new FormatException("A journal entry has bytes after its last field.");
        return new JournalEntry
        {
            InstanceId = instanceId,
            Execution = execution,
            OperationId = operationId,
            Kind = kind,
            Name = name,
            Scope = scope,
            Sequence = sequence,
            Status = status,
            CompletionIndex = completionIndex,
            Result = result,
            Error = error,
            Attempts = attempts,
            NextAttemptAt = nextAttemptAt,
            RecordedAt = recordedAt,
            Detail = detail,
            StartedAt = startedAt,
        };
    }

    private ref struct Writer(byte[] buffer)
    {
        private int _length;

        public byte[] Buffer { get; private set; } = buffer;

        public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(0, _length);

        public void Byte(byte value) => Reserve(1)[0] = value;

        public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

        /// <summary>Seven bits per byte, low first; small numbers take one byte.</summary>
        public void Number(ulong value)
        {
            while (value >= 0x80)
            {
                Byte((byte)(value | 0x80));
                value >>= 7;
            }
            Byte((byte)value);
        }

        public void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            Number((uint)length);
            Encoding.UTF8.GetBytes(value, Reserve(length));
        }

        private Span<byte> Reserve(int count)
        {
            if (_length + count > Buffer.Length)
            {
                var grown = new byte[Math.Max(Buffer.Length * 2, _length + count)];
                Written.CopyTo(grown);
                Buffer = grown;
            }
            var span = Buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly bool AtEnd => _position == _bytes.Length;

        public byte Byte() => Take(1)[0];

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public ulong Number()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var next = Byte();
                value |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80) return value;
            }
            throw new FormatException("A journal entry holds a number longer than 64 bits.");
        }

        public string String()
        {
            var length = Number();
            if (length > int.MaxValue) throw new FormatException("A journal entry holds a string longer than its bytes.");
            return Encoding.UTF8.GetString(Take((int)length));
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _bytes.Length - _position) throw new FormatException("A journal entry ends in the middle of a field.");
            var span = _bytes.Slice(_position, count);
            _position += count;
            return span;
        }
    }
}
