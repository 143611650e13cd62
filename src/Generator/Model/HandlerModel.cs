namespace Workflows.Generator.Model;

/// <summary>A [Query] or [Signal] method of a workflow class: what its registration and typed client method need.</summary>
/// <param name="Name">The query's or signal's name.</param>
/// <param name="Method">The method (synchronous: a query's return type is its result; a signal returns nothing).</param>
/// <param name="IsPublic">Whether the method's parameter and result types are public, so the typed client can be.</param>
internal sealed record HandlerModel(string Name, MethodModel Method, bool IsPublic);
