using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>
/// Which units of this compilation's code an operation runs: the method it calls or references, the accessor of a
/// property or indexer it reads or writes, the operator or conversion it applies, the constructor and member
/// initializers of what it creates, and the initializer of a type whose static members it touches.
/// </summary>
internal static class CodeUnits
{
    /// <summary>The unit an operation block belongs to: its method, or the initializer a member initializer is part of.</summary>
    public static ISymbol? OfBlock(ISymbol owner) => owner switch
    {
        IMethodSymbol { MethodKind: MethodKind.StaticConstructor } constructor => constructor.ContainingType,
        IMethodSymbol method => method,
        IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true } => owner.ContainingType,
        IFieldSymbol or IPropertySymbol => owner,
        _ => null,
    };

    public static IEnumerable<ISymbol> RunBy(IOperation operation, Compilation compilation)
    {
        var units = operation switch
        {
            IInvocationOperation invocation => Invoked(invocation.TargetMethod),
            IMethodReferenceOperation reference => [reference.Method],
            IPropertyReferenceOperation property => Accessors(property).Concat(StaticInitializer(property.Property)),
            IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } field } => StaticInitializer(field),
            IObjectCreationOperation { Constructor: { } constructor } => Created(constructor),
            IBinaryOperation { OperatorMethod: { } method } => [method],
            IUnaryOperation { OperatorMethod: { } method } => [method],
            ICompoundAssignmentOperation { OperatorMethod: { } method } => [method],
            IIncrementOrDecrementOperation { OperatorMethod: { } method } => [method],
            IConversionOperation { OperatorMethod: { } method } => [method],
            _ => [],
        };
        return units.Select(u => u is IMethodSymbol m ? m.OriginalDefinition : u.OriginalDefinition).Where(u => IsInSource(u, compilation));
    }

    private static readonly SymbolDisplayFormat OperatorFormat = new(memberOptions: SymbolDisplayMemberOptions.None, miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>How the unit reads in a call chain.</summary>
    public static string Describe(ISymbol unit) => unit switch
    {
        INamedTypeSymbol type => $"static initializer of {type.Name}",
        IFieldSymbol or IPropertySymbol => $"initializer of {unit.ContainingType.Name}.{unit.Name}",
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => $"new {constructor.ContainingType.Name}()",
        IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet, AssociatedSymbol: IPropertySymbol { IsIndexer: true } property } =>
            $"{property.ContainingType.Name}[]",
        IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet, AssociatedSymbol: { } property } => $"{property.ContainingType.Name}.{property.Name}",
        IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } method =>
            $"{method.ContainingType.Name}.{method.ToDisplayString(OperatorFormat)}",
        _ => unit.Name + "()",
    };

    private static IEnumerable<ISymbol> Invoked(IMethodSymbol method) =>
        method.IsStatic || method.MethodKind == MethodKind.Constructor ? [method, method.ContainingType] : [method];

    private static IEnumerable<ISymbol> Accessors(IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        var (reads, writes) = reference.Parent switch
        {
            ISimpleAssignmentOperation assignment when assignment.Target == reference => (false, true),
            ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ICoalesceAssignmentOperation => (true, true),
            _ => (true, false),
        };
        if (reads && property.GetMethod is { } getter) yield return getter;
        if (writes && property.SetMethod is { } setter) yield return setter;
    }

    private static IEnumerable<ISymbol> StaticInitializer(ISymbol member) =>
        member.IsStatic && member.ContainingType is { } type ? [type] : [];

    private static IEnumerable<ISymbol> Created(IMethodSymbol constructor)
    {
        yield return constructor;
        yield return constructor.ContainingType;
        foreach (var member in constructor.ContainingType.GetMembers())
        {
            if (!member.IsStatic && HasInitializer(member)) yield return member;
        }
    }

    private static bool HasInitializer(ISymbol member) => member switch
    {
        IFieldSymbol { AssociatedSymbol: null } => member.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is VariableDeclaratorSyntax { Initializer: not null }),
        IPropertySymbol => member.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is PropertyDeclarationSyntax { Initializer: not null }),
        _ => false,
    };

    /// <summary>Whether <paramref name="unit"/> is written in <paramref name="compilation"/>'s own source.</summary>
    public static bool IsInSource(ISymbol unit, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(unit.ContainingAssembly, compilation.Assembly) && !unit.DeclaringSyntaxReferences.IsEmpty;
}
