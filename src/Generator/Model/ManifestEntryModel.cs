namespace Workflows.Generator.Model;

/// <summary>One durable call site of a workflow's manifest, in source order.</summary>
/// <param name="Kind">What the call does (Step, Workflow, Event, Patch…).</param>
/// <param name="Name">Its durable name; a patch's ID for a patch check.</param>
/// <param name="Ordinal">Which occurrence of the kind and name in the method's source it is, from 1.</param>
/// <param name="Guard">The patch checks it depends on ("a&amp;!b"), or null.</param>
/// <param name="ResultType">What the call returns to workflow code, for the shipped-manifest check; null for nothing.</param>
/// <param name="Location">Where the call is written, for the shipped-manifest check.</param>
internal sealed record ManifestEntryModel(string Kind, string Name, int Ordinal, string? Guard, string? ResultType, Diagnostics.SourceSpan? Location);
