using LiteDB;

namespace Workflows.Storage.LiteDb;

/// <summary>Maps store records to and from BSON by hand: explicit field names, no reflection on the hot path.</summary>
internal static class LiteDbDocuments
{
    public static BsonDocument ToDocument(InstanceRecord r) => new()
    {
        ["_id"] = StoreKeys.Instance(r.InstanceId),
        ["id"] = r.InstanceId,
        ["wf"] = r.WorkflowName,
        ["st"] = (int)r.Status,
        ["ex"] = r.Execution,
        ["mf"] = r.Manifest is null ? BsonValue.Null : r.Manifest,
        ["pid"] = r.ParentInstanceId is null ? BsonValue.Null : r.ParentInstanceId,
        ["pex"] = r.ParentExecution,
        ["pop"] = r.ParentOperationId is null ? BsonValue.Null : r.ParentOperationId,
        ["in"] = r.Input is null ? BsonValue.Null : r.Input,
        ["out"] = r.Output is null ? BsonValue.Null : r.Output,
        ["err"] = ToValue(r.Error),
        ["why"] = r.StatusReason is null ? BsonValue.Null : r.StatusReason,
        ["cs"] = r.CustomStatus is null ? BsonValue.Null : r.CustomStatus,
        ["xd"] = r.ExecutionDeadline is { } executionDeadline ? executionDeadline.Ticks : BsonValue.Null,
        ["rt"] = r.RunTimeout is { } runTimeout ? runTimeout.Ticks : BsonValue.Null,
        ["rd"] = r.RunDeadline is { } runDeadline ? runDeadline.Ticks : BsonValue.Null,
        ["ca"] = r.CreatedAt.Ticks,
        ["ua"] = r.UpdatedAt.Ticks,
        ["fa"] = r.CompletedAt is { } completed ? completed.Ticks : BsonValue.Null,
    };

    public static InstanceRecord ToInstance(BsonDocument d) => new()
    {
        InstanceId = d["id"].AsString,
        WorkflowName = d["wf"].AsString,
        Status = (WorkflowStatus)d["st"].AsInt32,
        Execution = d["ex"].AsInt32,
        Manifest = NullableString(d["mf"]),
        ParentInstanceId = d.TryGetValue("pid", out var parent) ? NullableString(parent) : null,
        ParentExecution = d.TryGetValue("pex", out var parentExecution) && !parentExecution.IsNull ? parentExecution.AsInt32 : 0,
        ParentOperationId = d.TryGetValue("pop", out var parentOperation) ? NullableString(parentOperation) : null,
        Input = NullableString(d["in"]),
        Output = NullableString(d["out"]),
        Error = ToError(d["err"]),
        StatusReason = NullableString(d["why"]),
        CustomStatus = d.TryGetValue("cs", out var custom) ? NullableString(custom) : null,
        ExecutionDeadline = d.TryGetValue("xd", out var xd) && !xd.IsNull ? Utc(xd) : null,
        RunTimeout = d.TryGetValue("rt", out var rt) && !rt.IsNull ? TimeSpan.FromTicks(rt.AsInt64) : null,
        RunDeadline = d.TryGetValue("rd", out var rd) && !rd.IsNull ? Utc(rd) : null,
        CreatedAt = Utc(d["ca"]),
        UpdatedAt = Utc(d["ua"]),
        CompletedAt = d["fa"].IsNull ? null : Utc(d["fa"]),
    };

    /// <summary>A journal entry: its key and its fields packed into one binary field (schema 2, <see cref="JournalEntryCodec"/>).</summary>
    public static BsonDocument ToDocument(JournalEntry e) => new()
    {
        ["_id"] = StoreKeys.Journal(e),
        ["e"] = JournalEntryCodec.Encode(e),
    };

    /// <summary>
    /// Reads a journal entry of <paramref name="instanceId"/>'s <paramref name="execution"/> from its document as the
    /// scan read it, packed (schema 2) or with one BSON field per property (schema 1); <paramref name="names"/> shares
    /// one string per distinct step name across a journal instead of one per entry.
    /// </summary>
    /// <exception cref="CheckpointStoreException">The entry cannot be read.</exception>
    public static JournalEntry ToJournalEntry(JournalRecord record, string instanceId, int execution, Dictionary<string, string> names)
    {
        try
        {
            return record.Packed is { } packed
                ? JournalEntryCodec.Decode(packed, instanceId, execution, names)
                : FromFields(record.Fields!, instanceId, execution, names);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or NullReferenceException)
        {
            throw new CheckpointStoreException(CheckpointStoreError.Corrupt,
                $"Journal entry '{record.Key}' of workflow instance '{instanceId}' cannot be read ({ex.Message}). " +
                "Restore the store from a backup, or purge the instance.", ex);
        }
    }

    /// <summary>A schema 1 entry: every property in a field of its own, defaults and nulls included.</summary>
    private static JournalEntry FromFields(BsonDocument d, string instanceId, int execution, Dictionary<string, string> names)
    {
        var name = d["n"].AsString;
        if (!names.TryAdd(name, name)) name = names[name];
        return new JournalEntry
        {
            InstanceId = instanceId,
            Execution = execution,
            OperationId = d["op"].AsString,
            Kind = (JournalEntryKind)d["k"].AsInt32,
            Name = name,
            Scope = d["sc"].AsString,
            Sequence = d["sq"].AsInt32,
            Status = (JournalEntryStatus)d["st"].AsInt32,
            CompletionIndex = d["ci"].AsInt64,
            Result = NullableString(d["r"]),
            Error = ToError(d["err"]),
            Attempts = d["at"].AsInt32,
            NextAttemptAt = d["na"].IsNull ? null : Utc(d["na"]),
            RecordedAt = Utc(d["ra"]),
        };
    }

    public static BsonDocument ToDocument(InboxMessage m) => new()
    {
        ["_id"] = StoreKeys.Inbox(m.InstanceId, m.MessageId),
        ["id"] = m.InstanceId,
        ["mid"] = m.MessageId,
        ["k"] = (int)m.Kind,
        ["p"] = m.Payload is null ? BsonValue.Null : m.Payload,
        ["ev"] = m.EventName is null ? BsonValue.Null : m.EventName,
        ["op"] = m.OperationId is null ? BsonValue.Null : m.OperationId,
        ["ex"] = m.Execution,
        ["err"] = ToValue(m.Error),
        ["ra"] = m.ReceivedAt.Ticks,
    };

    public static InboxMessage ToInboxMessage(BsonDocument d) => new()
    {
        InstanceId = d["id"].AsString,
        MessageId = d["mid"].AsString,
        Kind = (InboxMessageKind)d["k"].AsInt32,
        Payload = NullableString(d["p"]),
        EventName = d.TryGetValue("ev", out var eventName) ? NullableString(eventName) : null,
        OperationId = d.TryGetValue("op", out var operation) ? NullableString(operation) : null,
        Execution = d.TryGetValue("ex", out var execution) && !execution.IsNull ? execution.AsInt32 : 0,
        Error = d.TryGetValue("err", out var error) ? ToError(error) : null,
        ReceivedAt = Utc(d["ra"]),
    };

    private static BsonValue ToValue(WorkflowError? error) => error is null
        ? BsonValue.Null
        : new BsonDocument
        {
            ["t"] = error.Type,
            ["m"] = error.Message,
            ["s"] = error.StackTrace is null ? BsonValue.Null : error.StackTrace,
        };

    private static WorkflowError? ToError(BsonValue value) => value.IsDocument
        ? new WorkflowError(value["t"].AsString, value["m"].AsString, NullableString(value["s"]))
        : null;

    private static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;

    // Times are stored as UTC ticks: BSON dates lose sub-millisecond precision and come back in local time.
    private static DateTime Utc(BsonValue value) => new(value.AsInt64, DateTimeKind.Utc);
}
