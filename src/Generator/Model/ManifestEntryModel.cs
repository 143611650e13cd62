namespace Workflows.Generator.Model;

/// <summary>One durable call site of a workflow's manifest, in source order, with the patch checks it depends on.</summary>
internal sealed record ManifestEntryModel(string Kind, string Name, int Ordinal, string? Guard);
