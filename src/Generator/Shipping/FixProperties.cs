namespace Workflows.Generator.Shipping;

/// <summary>What the shipped-manifest diagnostics tell their code fixes (the fixes read the same names).</summary>
internal static class FixProperties
{
    /// <summary>The workflow's durable name.</summary>
    public const string Workflow = "Workflow";

    /// <summary>The workflow's current calls, as lines of the shipped-manifests file.</summary>
    public const string Manifest = "Manifest";

    /// <summary>The shipped call that the code no longer makes at the reported place.</summary>
    public const string Shipped = "Shipped";

    /// <summary>"true" when the reported call is new and the shipped calls follow it unchanged.</summary>
    public const string Inserted = "Inserted";
}
