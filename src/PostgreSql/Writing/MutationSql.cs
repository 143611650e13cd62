using Npgsql;
using Workflows.Storage;

namespace Workflows.PostgreSql.Writing;

/// <summary>The statements that apply each kind of mutation, added to a commit group's batch.</summary>
internal sealed class MutationSql
{
    private readonly string _insertInstance;
    private readonly string _updateInstanceEnded;
    private readonly string _updateInstanceRunning;
    private readonly string _updateInstanceSuspended;
    private readonly string _putJournal;
    private readonly string _putInbox;
    private readonly string _wakeForMessage;
    private readonly string _deleteInbox;
    private readonly string _deleteJournal;
    private readonly string[] _purge;

    public MutationSql(StoreNames names)
    {
        var instanceValues = Rows.Placeholders(1, Rows.InstanceParameterCount);
        _insertInstance = $"INSERT INTO {names.Instances} ({Rows.InstanceColumns}, wake_at) VALUES ({instanceValues}, now())";
        var updated = string.Join(", ", Rows.InstanceColumns.Split(", ").Skip(1));
        var set = $"UPDATE {names.Instances} SET ({updated}) = ROW({Rows.Placeholders(2, Rows.InstanceParameterCount - 1)})";
        _updateInstanceEnded = $"{set}, owner = NULL, lease_until = NULL, wake_at = NULL WHERE instance_id = $1";
        // A suspended instance keeps its lease: the worker running it lets its step attempts in flight record their
        // outcomes, then gives the lease up.
        _updateInstanceSuspended = $"{set} WHERE instance_id = $1";
        // A running instance nobody leases (one just resumed) needs a worker now.
        _updateInstanceRunning = $"{set}, wake_at = CASE WHEN owner IS NULL THEN now() ELSE wake_at END WHERE instance_id = $1";
        _putJournal = Upsert(names.Journal, Rows.JournalColumns, Rows.JournalParameterCount, "instance_id, execution, operation_id");
        _putInbox = Upsert(names.Inbox, Rows.InboxColumns, Rows.InboxParameterCount, "instance_id, message_id");
        // An unleased instance needs a worker now; a leased one hears of the message from the notification.
        _wakeForMessage = $"UPDATE {names.Instances} SET wake_at = now() WHERE instance_id = $1 AND status = 0 AND owner IS NULL";
        _deleteInbox = $"DELETE FROM {names.Inbox} WHERE instance_id = $1 AND message_id = $2";
        _deleteJournal = $"DELETE FROM {names.Journal} WHERE instance_id = $1 AND execution = $2";
        _purge =
        [
            $"DELETE FROM {names.Journal} WHERE instance_id = $1",
            $"DELETE FROM {names.Inbox} WHERE instance_id = $1",
            $"DELETE FROM {names.Instances} WHERE instance_id = $1",
        ];
    }

    private static string Upsert(string table, string columns, int count, string key)
    {
        var keys = key.Split(", ");
        var updates = string.Join(", ", columns.Split(", ").Where(c => !keys.Contains(c)).Select(c => $"{c} = EXCLUDED.{c}"));
        return $"INSERT INTO {table} ({columns}) VALUES ({Rows.Placeholders(1, count)}) ON CONFLICT ({key}) DO UPDATE SET {updates}";
    }

    /// <summary>The statements of checked mutations, added to <paramref name="batch"/>.</summary>
    public IStoreMutationTarget For(NpgsqlBatch batch) => new BatchTarget(this, batch);

    private sealed class BatchTarget(MutationSql sql, NpgsqlBatch batch) : IStoreMutationTarget
    {
        public void Purge(string instanceId)
        {
            foreach (var statement in sql._purge) Rows.Add(Add(batch, statement).Parameters, instanceId);
        }

        public void CreateInstance(InstanceRecord instance) => Rows.AddInstance(Add(batch, sql._insertInstance).Parameters, instance);

        // A finished instance has no owner and needs no worker.
        public void UpdateInstance(InstanceRecord instance) =>
            Rows.AddInstance(Add(batch, instance.Status switch
            {
                WorkflowStatus.Running => sql._updateInstanceRunning,
                WorkflowStatus.Suspended => sql._updateInstanceSuspended,
                _ => sql._updateInstanceEnded,
            }).Parameters, instance);

        public void PutJournalEntry(JournalEntry entry, bool isFirstWrite) => Rows.AddJournalEntry(Add(batch, sql._putJournal).Parameters, entry);

        public void PutInboxMessage(InboxMessage message)
        {
            Rows.AddInboxMessage(Add(batch, sql._putInbox).Parameters, message);
            Rows.Add(Add(batch, sql._wakeForMessage).Parameters, message.InstanceId);
        }

        public void DeleteInboxMessage(string instanceId, string messageId)
        {
            var parameters = Add(batch, sql._deleteInbox).Parameters;
            Rows.Add(parameters, instanceId);
            Rows.Add(parameters, messageId);
        }

        public void DeleteJournal(string instanceId, int execution)
        {
            var parameters = Add(batch, sql._deleteJournal).Parameters;
            Rows.Add(parameters, instanceId);
            Rows.Add(parameters, execution);
        }
    }

    /// <summary>Tells every listening worker the <see cref="Announcements"/> payloads (delivered when the transaction commits).</summary>
    public static void Notify(NpgsqlBatch batch, string channel, IEnumerable<string> payloads)
    {
        foreach (var payload in payloads)
        {
            var notify = Add(batch, "SELECT pg_notify($1, $2)").Parameters;
            Rows.Add(notify, channel);
            Rows.Add(notify, payload);
        }
    }

    private static NpgsqlBatchCommand Add(NpgsqlBatch batch, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(command);
        return command;
    }
}
