namespace Workflows.Generator.Model;

/// <summary>Identifies the type a generated file is for.</summary>
/// <param name="FullName">Fully qualified, with global::.</param>
/// <param name="HintName">The file's hint name without extension: the metadata name with namespace.</param>
internal sealed record TypeKey(string FullName, string HintName);
