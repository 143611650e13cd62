using Workflows.Generator.Helpers;

namespace Workflows.Generator.Model;

/// <summary>How generated code builds the object an instance workflow method runs on.</summary>
/// <param name="ConstructorParameterTypes">The public constructor's parameter types, each resolved from services; empty for a parameterless one.</param>
internal sealed record FactoryModel(EquatableArray<string> ConstructorParameterTypes);
