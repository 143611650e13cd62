namespace Workflows.Generator.Model;

/// <summary>A [Query] method of a workflow class: what its registration and typed client method need.</summary>
/// <param name="Name">The query's name.</param>
/// <param name="Method">The method (synchronous: its return type is the result).</param>
/// <param name="IsPublic">Whether the method's parameter and result types are public, so the typed client can be.</param>
internal sealed record QueryModel(string Name, MethodModel Method, bool IsPublic);
