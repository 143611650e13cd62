using System.Globalization;
using System.Text;

namespace Workflows;

/// <summary>The rules for instance IDs chosen by callers.</summary>
public static class InstanceIds
{
    /// <summary>The longest instance ID a client may choose.</summary>
    public const int MaxLength = 256;

    /// <summary>The marker that separates a parent ID from a child operation in derived child IDs; reserved.</summary>
    public const string ChildMarker = "::sub::";

    /// <summary>The reserved prefix of derived IDs.</summary>
    public const string ReservedPrefix = "sub::";

    /// <summary>An ID for an instance started without one.</summary>
    internal static string Generate() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The derived ID of the child started by operation <paramref name="operationId"/> of execution
    /// <paramref name="execution"/> of <paramref name="parentId"/>: <c>{parent}::sub::{execution}:{operationId}</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The derived ID is longer than <see cref="MaxLength"/>.</exception>
    internal static string DeriveChild(string parentId, int execution, string operationId)
    {
        var childId = $"{parentId}{ChildMarker}{execution}:{operationId}";
        if (childId.Length > MaxLength)
            throw new InvalidOperationException($"The derived ID of child '{operationId}' of workflow instance '{parentId}' is {childId.Length} characters long (at most {MaxLength}); pass a shorter explicit child ID.");
        return childId;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> that says what is wrong with <paramref name="instanceId"/>.</summary>
    public static void Validate(string? instanceId, string paramName = "instanceId")
    {
        ValidateShape(instanceId, paramName);
        if (instanceId!.Contains(ChildMarker, StringComparison.Ordinal))
            throw new ArgumentException($"The instance ID '{instanceId}' contains '{ChildMarker}', which is reserved for the IDs of child workflows. Choose an ID without it ('::' alone is fine).", paramName);
        if (instanceId.StartsWith(ReservedPrefix, StringComparison.Ordinal))
            throw new ArgumentException($"The instance ID '{instanceId}' starts with '{ReservedPrefix}', which is reserved for derived IDs. Choose another prefix.", paramName);
    }

    /// <summary>
    /// The rules for explicit child IDs: those of <see cref="Validate"/> except the reserved markers, which an
    /// explicit child ID may use (it is the escape hatch from derived IDs, and then must not equal a derived one).
    /// An ID is 1 to <see cref="MaxLength"/> UTF-16 characters of printable text: no white space of any kind (spaces,
    /// U+00A0, U+3000, line and paragraph separators), no control or format characters (such as U+200B), no private-use,
    /// unassigned or unpaired surrogate code points. IDs compare ordinally: case and every character count.
    /// </summary>
    public static void ValidateShape(string? instanceId, string paramName = "instanceId")
    {
        if (instanceId is null)
            throw new ArgumentNullException(paramName, "An instance ID is required here.");
        if (instanceId.Length == 0)
            throw new ArgumentException("An instance ID must not be empty: leave it unset (null) where the engine may generate one, or choose 1 to 256 printable characters.", paramName);
        if (instanceId.Length > MaxLength)
            throw new ArgumentException($"The instance ID '{instanceId[..32]}…' is {instanceId.Length} characters long; at most {MaxLength} are allowed.", paramName);
        for (var i = 0; i < instanceId.Length;)
        {
            if (Rune.DecodeFromUtf16(instanceId.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done)
                throw new ArgumentException($"The instance ID {Shown(instanceId)} contains an unpaired surrogate (U+{(int)instanceId[i]:X4}) at position {i}; an ID must be well-formed text.", paramName);
            if (Refusal(rune) is { } what)
                throw new ArgumentException($"The instance ID {Shown(instanceId)} contains {what} U+{rune.Value:X4} at position {i}; an ID is printable text without white space: remove or replace it.", paramName);
            i += length;
        }
    }

    // What makes a character unfit for an ID: it is invisible, or it breaks the lines IDs are logged and listed on.
    private static string? Refusal(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune)) return "the white-space character";
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => "the control character",
            UnicodeCategory.Format => "the invisible format character",
            UnicodeCategory.PrivateUse => "the private-use character",
            UnicodeCategory.OtherNotAssigned => "the unassigned code point",
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => "the separator",
            _ => null,
        };
    }

    // Quoted with every non-printable character escaped, so the message shows where the problem is.
    private static string Shown(string instanceId)
    {
        var shown = new StringBuilder("'");
        foreach (var c in instanceId)
        {
            if (c is >= ' ' and <= '~' || (!char.IsWhiteSpace(c) && !char.IsControl(c) && !char.IsSurrogate(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)))
                shown.Append(c == ' ' ? "\\u0020" : c);
            else
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return shown.Append('\'').ToString();
    }
}
