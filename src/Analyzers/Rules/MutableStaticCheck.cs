using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1009: static fields that are neither const nor readonly, and settable static properties of this compilation.</summary>
internal sealed class MutableStaticCheck : IWorkflowCodeCheck
{
    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.FieldReference, OperationKind.PropertyReference];

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        switch (operation)
        {
            case IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false, IsReadOnly: false } field } when field.ContainingType?.TypeKind != TypeKind.Enum:
                facts.Add(DiagnosticDescriptors.MutableStatic, operation.Syntax.GetLocation(), Api.Name(field));
                break;
            case IPropertyReferenceOperation { Property: { IsStatic: true, SetMethod: { } } property }
                when SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, types.Compilation.Assembly):
                facts.Add(DiagnosticDescriptors.MutableStatic, operation.Syntax.GetLocation(), Api.Name(property));
                break;
        }
    }
}
