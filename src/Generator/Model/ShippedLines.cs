namespace Workflows.Generator.Model;

/// <summary>A workflow's durable calls as lines of the shipped-manifests file (no locations: they change only with the calls).</summary>
internal sealed record ShippedLines(string Workflow, string Lines);
