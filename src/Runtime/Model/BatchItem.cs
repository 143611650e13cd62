namespace Workflows;

/// <summary>One item of a fan-out: its position, how it ended, and its value or error.</summary>
/// <typeparam name="T">The item result type.</typeparam>
public sealed record BatchItem<T>(int Index, BatchItemStatus Status, T? Value, WorkflowError? Error);
