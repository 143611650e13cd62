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
    /// </summary>
    public static void ValidateShape(string? instanceId, string paramName = "instanceId")
    {
        if (string.IsNullOrEmpty(instanceId))
            throw new ArgumentException("An instance ID must not be null or empty. Pass null for the engine to generate one.", paramName);
        if (instanceId.Length > MaxLength)
            throw new ArgumentException($"The instance ID '{instanceId[..32]}…' is {instanceId.Length} characters long; at most {MaxLength} are allowed.", paramName);
        for (var i = 0; i < instanceId.Length; i++)
        {
            if (char.IsControl(instanceId[i]))
                throw new ArgumentException($"The instance ID '{instanceId.Replace("\n", "\\n", StringComparison.Ordinal)}' contains the control character U+{(int)instanceId[i]:X4} at position {i}; control characters are not allowed.", paramName);
        }
    }
}
