using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>A workflow or step method as generated code calls it: directly when accessible, else through an accessor.</summary>
/// <param name="ContainingType">The declaring type, fully qualified.</param>
/// <param name="Name">The method name.</param>
/// <param name="IsStatic">Whether it is static.</param>
/// <param name="IsExtension">Whether it is an extension method (its first parameter is the receiver).</param>
/// <param name="IsAccessible">Whether generated code in the same assembly may call it directly.</param>
/// <param name="Shape">How it returns.</param>
/// <param name="ReturnType">Its return type at the call site, fully qualified.</param>
/// <param name="DefinitionReturnType">Its declared return type, fully qualified.</param>
/// <param name="ResultType">The T of Task&lt;T&gt;/ValueTask&lt;T&gt; at the call site; null when there is none.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="TypeArguments">Type arguments at the call site, fully qualified.</param>
/// <param name="TypeParameters">Declared type parameter names.</param>
/// <param name="TypeParameterConstraints">Declared constraint clauses (<c>where T : class</c>).</param>
/// <param name="Signature">The declaration's display string, identifying the method among overloads.</param>
internal sealed record MethodModel(
    string ContainingType,
    string Name,
    bool IsStatic,
    bool IsExtension,
    bool IsAccessible,
    AsyncShape Shape,
    string ReturnType,
    string DefinitionReturnType,
    string? ResultType,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<string> TypeArguments,
    EquatableArray<string> TypeParameters,
    EquatableArray<string> TypeParameterConstraints,
    string Signature);
