namespace Workflows.Execution;

/// <summary>The recorded result of a step or scope that returns none.</summary>
internal sealed class NoResult;
