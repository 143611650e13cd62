namespace Workflows.Generator.Parsing;

/// <summary>The rules the runtime applies to durable names, checked at compile time so they never fail at startup.</summary>
internal static class DurableNames
{
    private const string Reserved = "/#[]$:";

    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "its durable name is empty";
        foreach (var c in name)
        {
            if (Reserved.IndexOf(c) >= 0) return $"its durable name '{name}' contains '{c}', which operation IDs reserve; choose a name without / # [ ] $ :";
            if (char.IsControl(c)) return $"its durable name '{name}' contains a control character";
        }
        return null;
    }
}
