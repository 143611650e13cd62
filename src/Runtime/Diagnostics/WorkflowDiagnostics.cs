using System.Diagnostics;

namespace Workflows.Diagnostics;

/// <summary>The <see cref="System.Diagnostics.ActivitySource"/> the runtime traces with: one activity per workflow run and per step attempt.</summary>
public static class WorkflowDiagnostics
{
    /// <summary>The name to subscribe to, e.g. <c>AddSource(WorkflowDiagnostics.SourceName)</c> in OpenTelemetry.</summary>
    public const string SourceName = "Workflows";

    internal static ActivitySource Source { get; } = new(SourceName);
}
