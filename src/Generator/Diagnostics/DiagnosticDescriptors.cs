using Microsoft.CodeAnalysis;

namespace Workflows.Generator.Diagnostics;

/// <summary>The shape rules the generator reports: declarations it cannot turn into durable code.</summary>
internal static class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor UnsupportedReturnType = Rule(
        "WF3001", DiagnosticSeverity.Error,
        "Workflow or step must return Task, Task<T>, ValueTask or ValueTask<T>",
        "{0} '{1}' returns {2}; a durable {0} must be awaitable: return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor NotSerializable = Rule(
        "WF3002", DiagnosticSeverity.Warning,
        "Durable value cannot round-trip through JSON",
        "{0} of '{1}' has type {2}, which {3}; durable inputs and results are stored as JSON, so use a plain data type (a record or a class with public properties)");

    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Rule(
        "WF3003", DiagnosticSeverity.Error,
        "Unsupported workflow or step declaration",
        "{0} '{1}' cannot be made durable: {2}");

    public static readonly DiagnosticDescriptor MethodGroup = Rule(
        "WF3004", DiagnosticSeverity.Error,
        "Step or workflow used as a method group cannot be made durable",
        "'{0}' is used as a method group, so its calls cannot be intercepted and would run without checkpoints; call it in a lambda instead, e.g. '{1}'");

    public static readonly DiagnosticDescriptor DuplicateWorkflowName = Rule(
        "WF3005", DiagnosticSeverity.Error,
        "Two workflows share a durable name",
        "Workflow name '{0}' is also used by '{1}'; durable names must be unique in an assembly: set [Workflow(Name = \"...\")] on one of them");

    public static readonly DiagnosticDescriptor PatchIdNotConstant = Rule(
        "WF3006", DiagnosticSeverity.Error,
        "Patch ID is not a constant",
        "Workflow.{0} is called with a patch ID that is not a constant string; the manifest records which calls each patch guards, so pass a literal or a const, e.g. Workflow.{0}(\"new-tax-rule\")");

    public static readonly DiagnosticDescriptor ShippedCallChanged = VersioningRule(
        "WF3007", DiagnosticSeverity.Error,
        "Durable call of a shipped workflow changed",
        "Workflow '{0}' shipped with '{1}' at this point, but the code now makes {2}{3}: an instance of the shipped version that passed it would stop with WorkflowVersionMismatchException. Guard the change with Workflow.Patched (the shipped calls in its else branch), or, if no instance of the shipped version is running, record the current calls as shipped.");

    public static readonly DiagnosticDescriptor ShippedWorkflowGone = VersioningRule(
        "WF3008", DiagnosticSeverity.Error,
        "Shipped workflow is gone",
        "Workflow '{0}' is in " + Shared.ShippedManifestContract.FileName + " but no [Workflow] has that name now: its instances in flight cannot resume. Keep it (a new version can take a new name), or, if none of its instances is running, remove it from the file.");

    public static readonly DiagnosticDescriptor ShippedLineUnreadable = VersioningRule(
        "WF3009", DiagnosticSeverity.Warning,
        "Line of the shipped manifests cannot be read",
        "'{0}' is not a shipped call: write '<workflow>: <kind> <name>#<ordinal>[ if <guard>][ -> <result type>]', or regenerate the file with 'workflows ship'");

    public static readonly DiagnosticDescriptor InvalidSchedule = Rule(
        "WF3010", DiagnosticSeverity.Error,
        "Schedule declaration is invalid",
        "[Schedule] of workflow '{0}' cannot be declared: {1}");

    private static readonly DiagnosticDescriptor[] s_all = [UnsupportedReturnType, NotSerializable, UnsupportedDeclaration, MethodGroup, DuplicateWorkflowName, PatchIdNotConstant, ShippedCallChanged, ShippedWorkflowGone, ShippedLineUnreadable, InvalidSchedule];

    public static System.Collections.Generic.IReadOnlyList<DiagnosticDescriptor> All => s_all;

    public static DiagnosticDescriptor ById(string id)
    {
        foreach (var descriptor in s_all)
        {
            if (descriptor.Id == id) return descriptor;
        }
        throw new System.ArgumentException($"Unknown diagnostic '{id}'.", nameof(id));
    }

    private static DiagnosticDescriptor Rule(string id, DiagnosticSeverity severity, string title, string message) =>
        new(id, title, message, "Workflows.Shape", severity, isEnabledByDefault: true,
            helpLinkUri: $"{Shared.RepositoryInfo.RulesHelpBase}{id}.md");

    private static DiagnosticDescriptor VersioningRule(string id, DiagnosticSeverity severity, string title, string message) =>
        new(id, title, message, "Workflows.Versioning", severity, isEnabledByDefault: true,
            helpLinkUri: $"{Shared.RepositoryInfo.RulesHelpBase}{id}.md");
}
