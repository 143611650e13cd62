using Workflows.Generator.Diagnostics;
using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>What parsing one [Workflow] method produced.</summary>
/// <param name="Workflow">The workflow; null when it cannot be registered.</param>
/// <param name="CallSites">Durable calls to intercept in its body and the helpers it calls.</param>
/// <param name="Diagnostics">Problems found.</param>
internal sealed record WorkflowParseResult(
    WorkflowModel? Workflow,
    EquatableArray<CallSiteModel> CallSites,
    EquatableArray<DiagnosticInfo> Diagnostics);
