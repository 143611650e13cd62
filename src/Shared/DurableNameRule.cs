namespace Workflows.Shared;

/// <summary>
/// The rule the runtime applies to workflow and step names (Workflows.WorkflowNames), for the generator and the
/// analyzers, which cannot reference the runtime: the characters that delimit operation IDs are not allowed.
/// </summary>
internal static class DurableNameRule
{
    private const string Reserved = "/#[]$:";

    /// <summary>What is wrong with <paramref name="name"/> ("'#'", "a control character"…), or null when it is valid.</summary>
    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "nothing but white space";
        foreach (var c in name)
        {
            if (Reserved.IndexOf(c) >= 0) return $"'{c}'";
            if (char.IsControl(c)) return "a control character";
        }
        return null;
    }
}
