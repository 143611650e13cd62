using System.Diagnostics.Metrics;
using System.Diagnostics;

namespace Workflows.Diagnostics;

/// <summary>
/// The names the runtime traces and measures under. Activities: one per workflow run (<c>workflow {name}</c>), per
/// live step attempt (<c>step {name}</c>), per live timer wait and per child start, tagged with
/// <c>workflow.instance_id</c> and <c>workflow.operation_id</c>. Metrics: see <see cref="MeterName"/>.
/// </summary>
public static class WorkflowDiagnostics
{
    /// <summary>The activity source to subscribe to, e.g. <c>AddSource(WorkflowDiagnostics.SourceName)</c> in OpenTelemetry.</summary>
    public const string SourceName = "Workflows";

    /// <summary>
    /// The meter to subscribe to, e.g. <c>AddMeter(WorkflowDiagnostics.MeterName)</c>. Instruments:
    /// <c>workflows.instances.started</c>, <c>workflows.instances.ended</c> (tag <c>workflow.status</c>),
    /// <c>workflows.replays</c>, <c>workflows.replayed_operations</c>, <c>workflows.steps</c> (tag
    /// <c>workflow.step.outcome</c>: completed, failed, retrying), <c>workflows.step.duration</c> (ms),
    /// <c>workflows.store.commit.batch_size</c> and <c>workflows.store.commit.duration</c> (ms).
    /// </summary>
    public const string MeterName = "Workflows";

    internal static ActivitySource Source { get; } = new(SourceName);
}
