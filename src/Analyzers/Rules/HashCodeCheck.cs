using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>
/// WF1014: hash codes that differ from one process to the next: string hashing (randomized per process, with any
/// comparer), HashCode (seeded per process), identity hashes of objects (RuntimeHelpers.GetHashCode and the default
/// GetHashCode of classes), and GetHashCode of tuples and structs built from such values. Hashes of numbers, enums,
/// dates and GUIDs are stable and not reported; a GetHashCode written in this compilation is followed instead.
/// </summary>
internal sealed class HashCodeCheck : IWorkflowCodeCheck
{
    private const string StableKey = "Workflow.StableHash over a string key, or the value itself";

    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        var invocation = (IInvocationOperation)operation;
        var method = invocation.TargetMethod;
        var location = invocation.Syntax.GetLocation();
        if (Api.Is(method.ContainingType, "System.HashCode") && method.Name is "Combine" or "ToHashCode")
            facts.Add(DiagnosticDescriptors.HashCode, location, Api.Name(method), StableKey);
        else if (Api.Is(method.ContainingType, "System.Runtime.CompilerServices.RuntimeHelpers") && method.Name == "GetHashCode")
            facts.Add(DiagnosticDescriptors.HashCode, location, Api.Name(method), StableKey);
        else if (method.Name == "GetHashCode" && method.ContainingType.SpecialType == SpecialType.System_String && (method.IsStatic || method.Parameters.Length > 0))
            facts.Add(DiagnosticDescriptors.HashCode, location, "string.GetHashCode", StableKey);
        else if (method.Name == "GetHashCode" && method.Parameters.Length == 0 && !method.IsStatic)
            CheckInstanceHash(invocation, types, facts);
        else if (method.Name == "GetHashCode" && method.Parameters.Length == 1 && IsComparer(method.ContainingType) && !StableHashing.Is(method.Parameters[0].Type))
            facts.Add(DiagnosticDescriptors.HashCode, location, $"{method.ContainingType.Name}.GetHashCode", StableKey);
    }

    private static void CheckInstanceHash(IInvocationOperation invocation, KnownTypes types, CodeFacts facts)
    {
        var receiver = invocation.Instance is null ? null : Api.Unwrap(invocation.Instance);
        var type = receiver?.Type;
        if (type is null or ITypeParameterSymbol || StableHashing.Is(type)) return;
        // A GetHashCode written in this compilation is code the walk follows; only the inherited or synthesized one is judged here.
        if (!invocation.TargetMethod.IsImplicitlyDeclared && !invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty) return;
        var location = invocation.Syntax.GetLocation();
        if (type.SpecialType == SpecialType.System_String)
        {
            var fix = types.Workflow.GetMembers("StableHash").Any() ? $"global::Workflows.Workflow.StableHash({receiver!.Syntax})" : null;
            facts.Add(DiagnosticDescriptors.HashCode, location, "string.GetHashCode()", "Workflow.StableHash", fix);
        }
        else
            facts.Add(DiagnosticDescriptors.HashCode, location, $"{type.Name}.GetHashCode()", StableKey);
    }

    private static bool IsComparer(ITypeSymbol type) =>
        Api.Is(type, "System.StringComparer") || Api.Is(type, "System.Collections.Generic.EqualityComparer`1")
        || Api.Is(type, "System.Collections.Generic.IEqualityComparer`1") || Api.Is(type, "System.Collections.IEqualityComparer");
}
