using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Workflows.Storage;

/// <summary>
/// One instance's recorded history as a portable document: its record and the journals of its stored executions.
/// <c>workflows history --json</c> writes it; <see cref="WorkflowReplayer.ReplayHistoryAsync"/> replays it against
/// the current code, so a CI job can check before a deploy that histories exported from production still replay.
/// </summary>
public sealed class WorkflowHistory
{
    /// <summary>The value of the document's <c>format</c> property.</summary>
    public const string Format = "workflows-history/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private WorkflowHistory(InstanceRecord instance, IReadOnlyList<JournalEntry> entries)
    {
        Instance = instance;
        Entries = entries;
    }

    /// <summary>The instance as stored when the history was taken.</summary>
    public InstanceRecord Instance { get; }

    /// <summary>The journal entries of the exported executions, execution by execution, each in recorded order.</summary>
    public IReadOnlyList<JournalEntry> Entries { get; }

    /// <summary>The executions whose journals the history holds, in order.</summary>
    public IReadOnlyList<int> Executions => [.. Entries.Select(e => e.Execution).Append(Instance.Execution).Distinct().Order()];

    /// <summary>The journal of <paramref name="execution"/>.</summary>
    public IReadOnlyList<JournalEntry> EntriesOf(int execution) => [.. Entries.Where(e => e.Execution == execution)];

    /// <summary>Reads the history of <paramref name="instanceId"/> from <paramref name="store"/>: every stored execution, or only <paramref name="execution"/>.</summary>
    /// <exception cref="WorkflowInstanceNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="execution"/> is not one of the instance's executions.</exception>
    public static async Task<WorkflowHistory> LoadAsync(ICheckpointStore store, string instanceId, int? execution = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) ?? throw new WorkflowInstanceNotFoundException(instanceId);
        if (execution is not null) ExecutionOf(instance, execution);
        var entries = new List<JournalEntry>();
        foreach (var number in execution is { } one ? [one] : Enumerable.Range(1, instance.Execution))
            entries.AddRange(InRecordedOrder(await store.LoadJournalAsync(instanceId, number, cancellationToken).ConfigureAwait(false)));
        return new WorkflowHistory(instance, entries);
    }

    /// <summary>The document: <c>format</c>, <c>instance</c> and <c>entries</c>; results are JSON values (text that is not JSON stays text, as <c>resultText</c>).</summary>
    public string ToJson()
    {
        var entries = new JsonArray();
        foreach (var entry in Entries)
        {
            var node = JsonSerializer.SerializeToNode(entry with { Result = null }, Json)!.AsObject();
            if (entry.Result is { } result)
            {
                if (TryParse(result) is { } value) node["result"] = value;
                else node["resultText"] = result;
            }
            entries.Add(node);
        }
        var document = new JsonObject
        {
            ["format"] = Format,
            ["instance"] = JsonSerializer.SerializeToNode(Instance, Json),
            ["entries"] = entries,
        };
        return document.ToJsonString(Json);
    }

    /// <summary>Reads a document written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not such a document; the message says what is wrong.</exception>
    public static WorkflowHistory FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var document = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("Not a workflow history: the text is not a JSON object.");
            var format = document["format"]?.GetValue<string>();
            if (format != Format)
                throw new FormatException($"Not a workflow history of format '{Format}' (its format is '{format ?? "missing"}'): export it with 'workflows history <store> <instanceId> --json'.");
            var instance = document["instance"].Deserialize<InstanceRecord>(Json) ?? throw new FormatException("The workflow history has no 'instance'.");
            var entries = new List<JournalEntry>();
            foreach (var node in document["entries"] as JsonArray ?? throw new FormatException("The workflow history has no 'entries' array."))
            {
                if (node is not JsonObject fields) throw new FormatException("The workflow history has an entry that is not a JSON object.");
                // The result is a JSON value here (or text that is not JSON): stored, it is the JSON text.
                var result = fields["resultText"]?.GetValue<string>() ?? fields["result"]?.ToJsonString();
                var rest = (JsonObject)fields.DeepClone();
                rest.Remove("result");
                rest.Remove("resultText");
                var entry = rest.Deserialize<JournalEntry>(Json) ?? throw new FormatException("The workflow history has an empty entry.");
                entries.Add(entry with { Result = result, InstanceId = instance.InstanceId });
            }
            return new WorkflowHistory(instance, entries);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a readable workflow history: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"Not a readable workflow history: {ex.Message}", ex);
        }
    }

    /// <summary><paramref name="execution"/>, or the instance's current one when null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instance has no such execution.</exception>
    internal static int ExecutionOf(InstanceRecord instance, int? execution)
    {
        var number = execution ?? instance.Execution;
        if (number < 1 || number > instance.Execution)
            throw new ArgumentOutOfRangeException(nameof(execution), number, $"Instance '{instance.InstanceId}' has executions 1 to {instance.Execution}.");
        return number;
    }

    /// <summary>In the order things were recorded (durable values and open operations have no completion index).</summary>
    internal static IEnumerable<JournalEntry> InRecordedOrder(IEnumerable<JournalEntry> entries) => entries
        .OrderBy(e => e.RecordedAt)
        .ThenBy(e => e.CompletionIndex)
        .ThenBy(e => e.Scope, StringComparer.Ordinal)
        .ThenBy(e => e.Sequence);

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
