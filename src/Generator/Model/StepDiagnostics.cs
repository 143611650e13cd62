using Workflows.Generator.Diagnostics;
using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>What checking one [Step] declaration found.</summary>
internal sealed record StepDiagnostics(EquatableArray<DiagnosticInfo> Diagnostics);
