namespace Workflows.Generator.Model;

/// <summary>A parameter of an intercepted or registered method.</summary>
/// <param name="Name">The parameter name, escaped with @ where it is a keyword.</param>
/// <param name="Type">Its type at the call site (type arguments substituted), fully qualified.</param>
/// <param name="DefinitionType">Its type in the method's declaration, fully qualified.</param>
/// <param name="IsCancellationToken">Whether it is a CancellationToken, which the runtime supplies.</param>
internal sealed record ParameterModel(string Name, string Type, string DefinitionType, bool IsCancellationToken);
