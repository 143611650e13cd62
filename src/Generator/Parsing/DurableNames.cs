namespace Workflows.Generator.Parsing;

/// <summary>The rule the runtime applies to durable names (the analyzers report breaches as WF2003).</summary>
internal static class DurableNames
{
    private const string Reserved = "/#[]$:";

    public static bool IsValid(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        foreach (var c in name)
        {
            if (Reserved.IndexOf(c) >= 0 || char.IsControl(c)) return false;
        }
        return true;
    }
}
