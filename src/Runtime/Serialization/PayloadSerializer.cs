using System.Text.Json;
using System.Text;

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
            // A JsonElement is a payload serialized already (a schedule's input, kept as JSON): it is stored as it is.
            json = value is JsonElement element ? element.GetRawText() : JsonSerializer.Serialize(value, type, options);
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
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw Unreadable(type, what, ex);
        }
    }

    public T Deserialize<T>(string? json, string what) =>
        TryDeserialize<T>(json, out var value, out var failure) ? value : throw Unreadable(typeof(T), what, failure!);

    /// <summary>Completes <paramref name="outcome"/> with the recorded value, or faults it when the value does not read back.</summary>
    public void SetResultFrom<T>(TaskCompletionSource<T> outcome, string? json, string what) =>
        SetResultFrom(outcome, json, what, static what => what);

    /// <summary>
    /// Completes <paramref name="outcome"/> with the recorded value, or faults it when the value does not read back;
    /// the description of the value is built from <paramref name="state"/> only then (a replay delivers every
    /// recorded result through here).
    /// </summary>
    public void SetResultFrom<T, TState>(TaskCompletionSource<T> outcome, string? json, TState state, Func<TState, string> what)
    {
        if (TryDeserialize<T>(json, out var value, out var failure)) outcome.SetResult(value);
        else outcome.SetException(Unreadable(typeof(T), what(state), failure!));
    }

    private bool TryDeserialize<T>(string? json, out T value, out Exception? failure)
    {
        failure = null;
        value = default!;
        // A missing payload reads as the type's default, as a null JSON value would.
        if (json is null) return true;
        try
        {
            value = JsonSerializer.Deserialize<T>(json, options)!;
            return true;
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            failure = ex;
            return false;
        }
    }

    private static bool IsReadFailure(Exception ex) => ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException;

    private static PayloadException Unreadable(Type type, string what, Exception ex) => new(
        $"The recorded {what} cannot be read back as {type.FullName} ({ex.Message}). " +
        "Its type changed in a way that breaks existing data: restore a compatible type or register a converter.", ex);
}
