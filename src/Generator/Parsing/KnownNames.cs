namespace Workflows.Generator.Parsing;

/// <summary>Metadata names of the runtime types the generator recognises.</summary>
internal static class KnownNames
{
    public const string WorkflowAttribute = "Workflows.WorkflowAttribute";
    public const string QueryAttribute = "Workflows.QueryAttribute";
    public const string SignalAttribute = "Workflows.SignalAttribute";
    public const string UpdateAttribute = "Workflows.UpdateAttribute";
    public const string UpdateValidatorAttribute = "Workflows.UpdateValidatorAttribute";
    public const string StepAttribute = "Workflows.StepAttribute";
    public const string DurableCallAttribute = "Workflows.DurableCallAttribute";
    public const string CancellationToken = "System.Threading.CancellationToken";
}
