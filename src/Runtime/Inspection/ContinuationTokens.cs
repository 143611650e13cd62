using System.Globalization;
using System.Text;
using Workflows.Storage;

namespace Workflows.Inspection;

/// <summary>
/// Continuation tokens: the position of a page's last instance, opaque to callers (base64url of its creation ticks
/// and ID) so the position's form can change without breaking them.
/// </summary>
internal static class ContinuationTokens
{
    public static string Write(InstanceCursor cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cursor.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}|{cursor.InstanceId}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <exception cref="ArgumentException">The token was not written by <see cref="Write"/>.</exception>
    public static InstanceCursor Read(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTime.MaxValue.Ticks)
                return new InstanceCursor(new DateTime(ticks, DateTimeKind.Utc), text[(bar + 1)..]);
        }
        catch (FormatException)
        {
        }
        throw new ArgumentException(
            $"Continuation token '{token}' is not one a listing returned: pass a page's ContinuationToken unchanged, or null for the first page.",
            nameof(token));
    }
}
