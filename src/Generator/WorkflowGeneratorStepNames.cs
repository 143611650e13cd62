namespace Workflows.Generator;

/// <summary>Tracking names of the pipeline's steps, for incrementality tests.</summary>
internal static class WorkflowGeneratorStepNames
{
    public const string Workflows = nameof(Workflows);
    public const string Updates = nameof(Updates);
    public const string Files = nameof(Files);
    public const string Registry = nameof(Registry);
    public const string StepDiagnostics = nameof(StepDiagnostics);
    public const string DuplicateNames = nameof(DuplicateNames);
    public const string Manifests = nameof(Manifests);
    public const string ShippedFile = nameof(ShippedFile);
    public const string ShippedChecks = nameof(ShippedChecks);
}
