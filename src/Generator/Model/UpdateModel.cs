namespace Workflows.Generator.Model;

/// <summary>An [Update] method of a workflow class: what its registration and typed client method need.</summary>
/// <param name="Name">The update's name.</param>
/// <param name="Method">The async method that runs it.</param>
/// <param name="Validator">The [UpdateValidator] method that checks a request first; null when it has none.</param>
/// <param name="IsPublic">Whether the method's parameter and result types are public, so the typed client can be.</param>
internal sealed record UpdateModel(string Name, MethodModel Method, MethodModel? Validator, bool IsPublic);
