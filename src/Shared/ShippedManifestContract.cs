namespace Workflows.Shared;

/// <summary>
/// What the generator's shipped-manifest check, its code fixes and the CLI that writes the file agree on: the file's
/// name and the properties a WF3007 diagnostic hands its fixes.
/// </summary>
internal static class ShippedManifestContract
{
    /// <summary>The shipped-manifests file, beside the project file.</summary>
    public const string FileName = "workflows.shipped.txt";

    /// <summary>The workflow's durable name.</summary>
    public const string WorkflowProperty = "Workflow";

    /// <summary>The workflow's current calls, as lines of the shipped-manifests file.</summary>
    public const string ManifestProperty = "Manifest";

    /// <summary>The shipped call that the code no longer makes at the reported place.</summary>
    public const string ShippedProperty = "Shipped";

    /// <summary>"true" when the reported call is new and the shipped calls follow it unchanged.</summary>
    public const string InsertedProperty = "Inserted";
}
