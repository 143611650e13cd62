namespace Workflows;

/// <summary>
/// An event for an instance: its name and payload, as <see cref="IWorkflowClient.RaiseEventAsync{T}"/> takes them.
/// Given to <see cref="StartWorkflowOptions.Event"/>, it is delivered with the start (signal-with-start).
/// </summary>
/// <param name="Name">The event name the workflow waits for.</param>
/// <param name="Payload">The payload; serialized as its runtime type.</param>
public sealed record WorkflowEvent(string Name, object? Payload);
