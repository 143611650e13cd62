using Workflows.Storage;

namespace Workflows.PostgreSql;

/// <summary>
/// The payloads of the schema's notifications: a kind letter, then the instance IDs it concerns, one per line (IDs
/// never hold control characters). A payload is limited to 8000 bytes, so long lists are split.
/// </summary>
internal static class Announcements
{
    /// <summary>Instances that may need a worker: created, sent a message, released with nothing left to wait for.</summary>
    public const char Work = 'w';

    /// <summary>Instances that ended.</summary>
    public const char Ended = 'e';

    private const int MaxPayloadChars = 2500; // UTF-8 needs at most 3 bytes a char: stays under 8000 bytes.

    public static IEnumerable<string> Payloads(char kind, IEnumerable<string> instanceIds)
    {
        var payload = new System.Text.StringBuilder().Append(kind);
        var any = false;
        foreach (var id in instanceIds)
        {
            if (id.Length > MaxPayloadChars - 2)
            {
                yield return kind.ToString(); // Too long to name: announced as a change of any instance.
                continue;
            }
            if (payload.Length + 1 + id.Length > MaxPayloadChars)
            {
                yield return payload.ToString();
                payload.Clear().Append(kind);
            }
            payload.Append('\n').Append(id);
            any = true;
        }
        if (any && payload.Length > 1) yield return payload.ToString();
    }

    public static IEnumerable<StoreSignal> Parse(string payload)
    {
        var kind = payload.Length > 0 && payload[0] == Ended ? StoreSignalKind.Ended : StoreSignalKind.Changed;
        var ids = payload.Length > 2 ? payload[2..].Split('\n') : [];
        if (ids.Length == 0) return [new StoreSignal(kind, null)];
        return ids.Select(id => new StoreSignal(kind, id));
    }
}
