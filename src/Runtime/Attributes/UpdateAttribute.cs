namespace Workflows;

/// <summary>
/// Marks an async method of a workflow class as an update: a request a client sends to a running instance and
/// whose result it waits for. An update is accepted durably (journaled when the instance takes it, like a signal),
/// then runs as workflow code in a scope of its own (<c>!update/{id}/run</c>), where it may call steps, timers and
/// children; its result is journaled and returned to the caller, also across restarts. A method marked
/// <see cref="UpdateValidatorAttribute"/> can reject a request before anything is written. The generator writes
/// <c>client.Update{Name}Async(instanceId, args…)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class UpdateAttribute : Attribute
{
    /// <summary>The update's name; defaults to the method name.</summary>
    public string? Name { get; set; }
}
