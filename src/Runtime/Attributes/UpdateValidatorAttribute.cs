namespace Workflows;

/// <summary>
/// Marks a synchronous void method of a workflow class, with the same parameters as the update it names, as that
/// update's validator: it runs against the instance's current state (as a query does) before the request is
/// accepted, and throwing from it rejects the request with <see cref="WorkflowUpdateRejectedException"/> without
/// writing anything.
/// </summary>
/// <param name="updateMethod">The update method it validates (<c>nameof(Approve)</c>).</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class UpdateValidatorAttribute(string updateMethod) : Attribute
{
    /// <summary>The update method it validates.</summary>
    public string UpdateMethod { get; } = updateMethod;
}
