using Npgsql;
using NpgsqlTypes;
using Workflows.Storage;

namespace Workflows.PostgreSql;

/// <summary>Maps records to the store's columns and back. Times are stored as UTC ticks so they round-trip exactly.</summary>
internal static class Rows
{
    public const string InstanceColumns =
        "instance_id, workflow_name, status, execution, manifest, parent_instance_id, parent_execution, parent_operation_id, " +
        "input, output, error_type, error_message, error_stack, status_reason, created_at, updated_at, completed_at, custom_status, execution_deadline, run_timeout, run_deadline";

    public const string JournalColumns =
        "instance_id, execution, operation_id, kind, name, scope, sequence, status, completion_index, result, " +
        "error_type, error_message, error_stack, attempts, next_attempt_at, recorded_at, detail, started_at";

    public const string InboxColumns =
        "instance_id, message_id, kind, payload, event_name, operation_id, execution, error_type, error_message, error_stack, received_at";

    /// <summary>"$1, $2, ..." for <paramref name="count"/> positional parameters from <paramref name="first"/>.</summary>
    public static string Placeholders(int first, int count) => string.Join(", ", Enumerable.Range(first, count).Select(i => $"${i}"));

    public static InstanceRecord ReadInstance(NpgsqlDataReader r, int o = 0) => new()
    {
        InstanceId = r.GetString(o),
        WorkflowName = r.GetString(o + 1),
        Status = (WorkflowStatus)r.GetInt16(o + 2),
        Execution = r.GetInt32(o + 3),
        Manifest = Text(r, o + 4),
        ParentInstanceId = Text(r, o + 5),
        ParentExecution = r.GetInt32(o + 6),
        ParentOperationId = Text(r, o + 7),
        Input = Text(r, o + 8),
        Output = Text(r, o + 9),
        Error = Error(r, o + 10),
        StatusReason = Text(r, o + 13),
        CreatedAt = Time(r.GetInt64(o + 14)),
        UpdatedAt = Time(r.GetInt64(o + 15)),
        CompletedAt = r.IsDBNull(o + 16) ? null : Time(r.GetInt64(o + 16)),
        CustomStatus = Text(r, o + 17),
        ExecutionDeadline = r.IsDBNull(o + 18) ? null : Time(r.GetInt64(o + 18)),
        RunTimeout = r.IsDBNull(o + 19) ? null : TimeSpan.FromTicks(r.GetInt64(o + 19)),
        RunDeadline = r.IsDBNull(o + 20) ? null : Time(r.GetInt64(o + 20)),
    };

    public static void AddInstance(NpgsqlParameterCollection p, InstanceRecord i)
    {
        Add(p, i.InstanceId);
        Add(p, i.WorkflowName);
        Add(p, (short)i.Status);
        Add(p, i.Execution);
        Add(p, i.Manifest);
        Add(p, i.ParentInstanceId);
        Add(p, i.ParentExecution);
        Add(p, i.ParentOperationId);
        Add(p, i.Input);
        Add(p, i.Output);
        AddError(p, i.Error);
        Add(p, i.StatusReason);
        Add(p, i.CreatedAt.Ticks);
        Add(p, i.UpdatedAt.Ticks);
        Add(p, i.CompletedAt?.Ticks);
        Add(p, i.CustomStatus);
        Add(p, i.ExecutionDeadline?.Ticks);
        Add(p, i.RunTimeout?.Ticks);
        Add(p, i.RunDeadline?.Ticks);
    }

    public const int InstanceParameterCount = 21;

    /// <summary>How many columns <see cref="InstanceColumns"/> names (the parameters of a record).</summary>
    public const int InstanceColumnCount = InstanceParameterCount;

    public static JournalEntry ReadJournalEntry(NpgsqlDataReader r) => new()
    {
        InstanceId = r.GetString(0),
        Execution = r.GetInt32(1),
        OperationId = r.GetString(2),
        Kind = (JournalEntryKind)r.GetInt16(3),
        Name = r.GetString(4),
        Scope = r.GetString(5),
        Sequence = r.GetInt32(6),
        Status = (JournalEntryStatus)r.GetInt16(7),
        CompletionIndex = r.GetInt64(8),
        Result = Text(r, 9),
        Error = Error(r, 10),
        Attempts = r.GetInt32(13),
        NextAttemptAt = r.IsDBNull(14) ? null : Time(r.GetInt64(14)),
        RecordedAt = Time(r.GetInt64(15)),
        Detail = Text(r, 16),
        StartedAt = r.IsDBNull(17) ? null : Time(r.GetInt64(17)),
    };

    public static void AddJournalEntry(NpgsqlParameterCollection p, JournalEntry e)
    {
        Add(p, e.InstanceId);
        Add(p, e.Execution);
        Add(p, e.OperationId);
        Add(p, (short)e.Kind);
        Add(p, e.Name);
        Add(p, e.Scope);
        Add(p, e.Sequence);
        Add(p, (short)e.Status);
        Add(p, e.CompletionIndex);
        Add(p, e.Result);
        AddError(p, e.Error);
        Add(p, e.Attempts);
        Add(p, e.NextAttemptAt?.Ticks);
        Add(p, e.RecordedAt.Ticks);
        Add(p, e.Detail);
        Add(p, e.StartedAt?.Ticks);
    }

    public const int JournalParameterCount = 18;

    public static InboxMessage ReadInboxMessage(NpgsqlDataReader r) => new()
    {
        InstanceId = r.GetString(0),
        MessageId = r.GetString(1),
        Kind = (InboxMessageKind)r.GetInt16(2),
        Payload = Text(r, 3),
        EventName = Text(r, 4),
        OperationId = Text(r, 5),
        Execution = r.GetInt32(6),
        Error = Error(r, 7),
        ReceivedAt = Time(r.GetInt64(10)),
    };

    public static void AddInboxMessage(NpgsqlParameterCollection p, InboxMessage m)
    {
        Add(p, m.InstanceId);
        Add(p, m.MessageId);
        Add(p, (short)m.Kind);
        Add(p, m.Payload);
        Add(p, m.EventName);
        Add(p, m.OperationId);
        Add(p, m.Execution);
        AddError(p, m.Error);
        Add(p, m.ReceivedAt.Ticks);
    }

    public const int InboxParameterCount = 11;

    public static void Add(NpgsqlParameterCollection p, string? value) =>
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });

    /// <summary>A text[] parameter.</summary>
    public static NpgsqlParameter TextArray(string[] values) => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values };

    public static void Add(NpgsqlParameterCollection p, short value) => p.Add(new NpgsqlParameter<short> { TypedValue = value });

    public static void Add(NpgsqlParameterCollection p, int value) => p.Add(new NpgsqlParameter<int> { TypedValue = value });

    public static void Add(NpgsqlParameterCollection p, long value) => p.Add(new NpgsqlParameter<long> { TypedValue = value });

    public static void Add(NpgsqlParameterCollection p, long? value) =>
        p.Add(value is { } v ? new NpgsqlParameter<long> { TypedValue = v } : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = DBNull.Value });

    private static void AddError(NpgsqlParameterCollection p, WorkflowError? error)
    {
        Add(p, error?.Type);
        Add(p, error?.Message);
        Add(p, error?.StackTrace);
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static WorkflowError? Error(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new WorkflowError(r.GetString(i), Text(r, i + 1) ?? "", Text(r, i + 2));

    private static DateTime Time(long ticks) => new(ticks, DateTimeKind.Utc);
}
