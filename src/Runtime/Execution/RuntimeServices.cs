using Microsoft.Extensions.Logging;
using Workflows.Serialization;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>What every instance runner of one engine shares.</summary>
internal sealed record RuntimeServices(
    ICheckpointStore Store,
    PayloadSerializer Serializer,
    ILoggerFactory LoggerFactory,
    IServiceProvider? Services,
    IInstanceHost Host,
    bool KeepContinuedExecutions,
    TimeSpan? EvictSuspendedAfter,
    StepGate Steps,
    TimeProvider Time,
    StepReplacements? Replacements,
    CancellationToken Stopping)
{
    /// <summary>How many durable calls an execution makes before <see cref="Workflow.ContinueAsNewSuggested"/> turns true.</summary>
    public int ContinueAsNewSuggestedAfter { get; init; } = WorkflowEngineOptions.DefaultContinueAsNewSuggestedAfter;
}
