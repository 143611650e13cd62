using System.Text.Json.Serialization;

namespace Workflows;

/// <summary>The outcome of a fan-out, item by item, in item order.</summary>
/// <typeparam name="T">The item result type.</typeparam>
public sealed class BatchResult<T>
{
    /// <summary>Creates the result from its items, in item order.</summary>
    [JsonConstructor]
    public BatchResult(IReadOnlyList<BatchItem<T>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
    }

    /// <summary>Every item, in item order.</summary>
    public IReadOnlyList<BatchItem<T>> Items { get; }

    /// <summary>How many items succeeded.</summary>
    [JsonIgnore]
    public int SucceededCount => Items.Count(i => i.Status == BatchItemStatus.Succeeded);

    /// <summary>How many items failed.</summary>
    [JsonIgnore]
    public int FailedCount => Items.Count(i => i.Status == BatchItemStatus.Failed);

    /// <summary>How many items were cancelled by a fail-fast batch.</summary>
    [JsonIgnore]
    public int CanceledCount => Items.Count(i => i.Status == BatchItemStatus.Canceled);

    /// <summary>The values of the items that succeeded, in item order.</summary>
    [JsonIgnore]
    public IReadOnlyList<T> Values => [.. Items.Where(i => i.Status == BatchItemStatus.Succeeded).Select(i => i.Value!)];
}
