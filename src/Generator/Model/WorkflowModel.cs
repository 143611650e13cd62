using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>A [Workflow] method: what the registry, the typed client and the manifest need.</summary>
/// <param name="DurableName">The registered name.</param>
/// <param name="Type">The declaring type.</param>
/// <param name="Namespace">The declaring type's namespace; empty for the global namespace.</param>
/// <param name="TypeName">The declaring type's simple name.</param>
/// <param name="IsPublic">Whether the type, input and result are public, so the typed client can be.</param>
/// <param name="Method">The method.</param>
/// <param name="Factory">How to build the declaring object; null for static methods.</param>
/// <param name="Manifest">Durable call sites in source order.</param>
/// <param name="Declaration">Where the method is declared, for diagnostics.</param>
/// <param name="Queries">The [Query] methods of the declaring class (instance workflows only).</param>
/// <param name="Signals">The [Signal] methods of the declaring class (instance workflows only).</param>
/// <param name="Updates">The [Update] methods of the declaring class (instance workflows only).</param>
/// <param name="ExecutionTimeoutSeconds">[Workflow(ExecutionTimeoutSeconds)], when set.</param>
/// <param name="RunTimeoutSeconds">[Workflow(RunTimeoutSeconds)], when set.</param>
/// <param name="MaxRecoveryAttempts">[Workflow(MaxRecoveryAttempts)], when set.</param>
/// <param name="Schedules">The valid [Schedule] attributes of the method.</param>
internal sealed record WorkflowModel(
    string DurableName,
    TypeKey Type,
    string Namespace,
    string TypeName,
    bool IsPublic,
    MethodModel Method,
    FactoryModel? Factory,
    EquatableArray<ManifestEntryModel> Manifest,
    Diagnostics.SourceSpan? Declaration,
    EquatableArray<HandlerModel> Queries,
    EquatableArray<HandlerModel> Signals,
    EquatableArray<UpdateModel> Updates,
    int? ExecutionTimeoutSeconds,
    int? RunTimeoutSeconds,
    int? MaxRecoveryAttempts,
    EquatableArray<ScheduleModel> Schedules);
