namespace Workflows;

/// <summary>
/// Marks a method of a workflow class as a signal handler: a typed message the instance receives. Each signal is
/// journaled when the instance takes it from its inbox and its handler is invoked then, on the instance's scheduler,
/// in arrival order, and again at the same point on replay; so the handler may change the workflow's state (which
/// the workflow method can wait on with <see cref="Workflow.WaitConditionAsync"/>). Handlers are synchronous
/// (void). The generator writes <c>client.Signal{Name}Async(instanceId, args…)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class SignalAttribute : Attribute
{
    /// <summary>The signal's name; defaults to the method name.</summary>
    public string? Name { get; set; }
}
