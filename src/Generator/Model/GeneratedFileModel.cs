using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>One generated file: a type's workflows and the interceptors of the durable calls written in it.</summary>
internal sealed record GeneratedFileModel(
    TypeKey Type,
    EquatableArray<WorkflowModel> Workflows,
    EquatableArray<CallSiteModel> CallSites);
