namespace Workflows;

/// <summary>Rules for the names of workflows and steps, which are part of the durable contract.</summary>
internal static class WorkflowNames
{
    public static void Validate(string name, string what = "workflow")
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"A {what} name must not be empty.", nameof(name));
        foreach (var c in name)
        {
            if (char.IsControl(c) || c is '/' or '#' or '[' or ']' or '$' or ':')
                throw new ArgumentException(
                    $"The {what} name '{name}' contains '{(char.IsControl(c) ? $"\\u{(int)c:X4}" : c)}'. Names may not contain '/', '#', '[', ']', '$', ':' or control characters: they delimit operation IDs.", nameof(name));
        }
    }
}
