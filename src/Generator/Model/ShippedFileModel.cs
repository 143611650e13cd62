using Workflows.Generator.Diagnostics;
using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>The shipped-manifests file of a project: its workflows, and the lines it could not read.</summary>
internal sealed record ShippedFileModel(EquatableArray<ShippedWorkflowModel> Workflows, EquatableArray<DiagnosticInfo> Problems);
