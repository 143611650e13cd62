using System.Text;
using System.Text.Json;

namespace Workflows.Serialization;

/// <summary>
/// Turns inputs, results and durable values into JSON with the configured options. Failures and oversized payloads
/// become a <see cref="PayloadException"/> that says which value, before anything is written.
/// </summary>
internal sealed class PayloadSerializer(JsonSerializerOptions options, int maxPayloadBytes)
{
    public string? Serialize(object? value, Type type, string what)
    {
        if (value is null) return null;
        string json;
        try
        {
            json = JsonSerializer.Serialize(value, type, options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new PayloadException(
                $"The {what} cannot be stored: a {type.FullName} does not serialize to JSON ({ex.Message}). " +
                "Use a serializable type (records, POCOs, collections of them) or register a converter in WorkflowEngineOptions.JsonSerializerOptions.", ex);
        }

        if (json.Length > maxPayloadBytes / 3 && Encoding.UTF8.GetByteCount(json) is var bytes && bytes > maxPayloadBytes)
            throw new PayloadException(
                $"The {what} is {bytes:N0} bytes of JSON, over the {maxPayloadBytes:N0}-byte payload limit. " +
                "Store large data elsewhere and pass a reference, or raise WorkflowEngineOptions.MaxPayloadBytes.");
        return json;
    }

    public string? Serialize<T>(T value, string what) => Serialize(value, typeof(T), what);

    public object? Deserialize(string? json, Type type, string what)
    {
        if (json is null) return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        try
        {
            return JsonSerializer.Deserialize(json, type, options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new PayloadException(
                $"The recorded {what} cannot be read back as {type.FullName} ({ex.Message}). " +
                "Its type changed in a way that breaks existing data: restore a compatible type or register a converter.", ex);
        }
    }

    public T Deserialize<T>(string? json, string what) => (T)Deserialize(json, typeof(T), what)!;

    /// <summary>Completes <paramref name="outcome"/> with the recorded value, or faults it when the value does not read back.</summary>
    public void SetResultFrom<T>(TaskCompletionSource<T> outcome, string? json, string what)
    {
        T value;
        try
        {
            value = Deserialize<T>(json, what);
        }
        catch (PayloadException ex)
        {
            outcome.SetException(ex);
            return;
        }
        outcome.SetResult(value);
    }
}
