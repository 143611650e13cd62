using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>A workflow of the shipped-manifests file: its calls in order, and where its first line is.</summary>
internal sealed record ShippedWorkflowModel(string Name, EquatableArray<ShippedCallModel> Calls, Diagnostics.SourceSpan? Location);
