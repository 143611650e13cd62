using Workflows.Storage;
using Workflows.Storage.LiteDb;

namespace Workflows.Runtime.Tests.Storage;

public sealed class JournalEntryCodecTests
{
    private static readonly JournalEntry Minimal = new()
    {
        InstanceId = "order-1", Execution = 3, OperationId = "/Charge#1", Kind = JournalEntryKind.Step, Name = "Charge",
        Sequence = 1, Status = JournalEntryStatus.Completed, RecordedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7),
    };

    private static IEnumerable<JournalEntry> Entries()
    {
        yield return Minimal;
        yield return Minimal with { Result = "", Scope = "/MapAsync#1[3]", CompletionIndex = long.MaxValue, Attempts = 7 };
        yield return Minimal with
        {
            Kind = JournalEntryKind.Timer,
            Status = JournalEntryStatus.Retrying,
            Sequence = int.MaxValue,
            Result = "{\"é\":\"😀\"}",
            NextAttemptAt = DateTime.MaxValue.ToUniversalTime(),
            Error = new WorkflowError("Type", "message ✓", null),
        };
        yield return Minimal with { Error = new WorkflowError("T", "", "at A\nat B"), Name = new string('n', 5_000), OperationId = "/" + new string('o', 300) + "#1" };
        yield return Minimal with { Kind = JournalEntryKind.Event, Name = "$event", Detail = "approval", StartedAt = Minimal.RecordedAt.AddSeconds(-3) };
        yield return Minimal with { Attempts = 2, Error = new WorkflowError("System.TimeoutException", "busy", null), StartedAt = DateTime.MinValue.ToUniversalTime(), Detail = "" };
    }

    [TestCaseSource(nameof(Entries))]
    public void Every_field_reads_back_as_written(JournalEntry entry)
    {
        var bytes = JournalEntryCodec.Encode(entry);
        Assert.That(JournalEntryCodec.Decode(bytes, entry.InstanceId, entry.Execution, []), Is.EqualTo(entry));
    }

    [Test]
    public void Entries_of_one_journal_share_one_string_per_step_name()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = JournalEntryCodec.Decode(JournalEntryCodec.Encode(Minimal), "order-1", 3, names);
        var second = JournalEntryCodec.Decode(JournalEntryCodec.Encode(Minimal with { OperationId = "/Charge#2", Sequence = 2 }), "order-1", 3, names);
        Assert.That(second.Name, Is.SameAs(first.Name));
    }

    [Test]
    public void Cut_or_padded_bytes_and_unknown_formats_are_format_errors()
    {
        var bytes = JournalEntryCodec.Encode(Minimal with { Result = "42" });
        for (var length = 0; length < bytes.Length; length++)
            Assert.Throws<FormatException>(() => JournalEntryCodec.Decode(bytes.AsSpan(0, length), "order-1", 3, []), $"cut at {length}");
        Assert.Throws<FormatException>(() => JournalEntryCodec.Decode([.. bytes, 0], "order-1", 3, []));
        bytes[0] = 99;
        Assert.That(Assert.Throws<FormatException>(() => JournalEntryCodec.Decode(bytes, "order-1", 3, []))!.Message, Does.Contain("format 99"));
    }
}
