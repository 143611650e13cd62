using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.Rules;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>
/// Which delegate values can reach each storage of the compilation — locals, parameters, fields, properties and
/// method returns whose type carries delegates, a collection standing for its items — gathered from initializers,
/// assignments, Add-like calls, collection expressions and initializers, arguments to this compilation's methods,
/// returns and foreach variables, in all code including steps. Flow-insensitive and conservative: anything it does
/// not follow is <see cref="DelegateOrigin.Unknown"/>.
/// </summary>
internal sealed class DelegateFlow
{
    public static readonly ImmutableArray<OperationKind> Kinds =
    [
        OperationKind.VariableDeclarator, OperationKind.SimpleAssignment, OperationKind.CoalesceAssignment,
        OperationKind.Invocation, OperationKind.Return, OperationKind.Loop, OperationKind.FieldInitializer, OperationKind.PropertyInitializer,
    ];

    private static readonly ImmutableHashSet<string> Adders =
        ["Add", "Insert", "Push", "Enqueue", "AddRange", "InsertRange", "AddFirst", "AddLast", "TryAdd", "Prepend", "Append"];

    private readonly ConcurrentDictionary<ISymbol, ConcurrentBag<DelegateOrigin>> _sources = new(SymbolEqualityComparer.Default);
    private readonly Compilation _compilation;

    public DelegateFlow(Compilation compilation) => _compilation = compilation;

    public void Record(IOperation operation, ISymbol owner, bool inStep)
    {
        switch (operation)
        {
            case IVariableDeclaratorOperation { Initializer: { } initializer, Symbol: var local } when CarriesDelegates(local.Type):
                Add(local, initializer.Value, owner, inStep);
                break;
            case IAssignmentOperation { Target: var target, Value: var value } when CarriesDelegates(target.Type) && StorageOf(target) is { } storage:
                Add(storage, value, owner, inStep);
                break;
            case IInvocationOperation call:
                RecordCall(call, owner, inStep);
                break;
            case IFieldInitializerOperation initializer:
                foreach (var field in initializer.InitializedFields.Where(f => CarriesDelegates(f.Type))) Add(field.OriginalDefinition, initializer.Value, owner, inStep);
                break;
            case IPropertyInitializerOperation initializer:
                foreach (var property in initializer.InitializedProperties.Where(p => CarriesDelegates(p.Type))) Add(property.OriginalDefinition, initializer.Value, owner, inStep);
                break;
            case IReturnOperation { ReturnedValue: { } returned } when CarriesDelegates(returned.Type) && ReturningMethod(operation, owner) is { } method:
                Add(method, returned, owner, inStep);
                break;
            case IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation { Symbol: var variable } } loop when CarriesDelegates(variable.Type):
                Add(variable, loop.Collection, owner, inStep);
                break;
        }
    }

    /// <summary>Where the value of <paramref name="value"/> can come from, one step back.</summary>
    public IEnumerable<DelegateOrigin> Resolve(IOperation? value, ISymbol owner, bool inStep)
    {
        switch (value)
        {
            case null or ILiteralOperation or IDefaultValueOperation:
                yield break;
            case IConversionOperation or IParenthesizedOperation:
                foreach (var origin in Resolve(value is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)value).Operand, owner, inStep)) yield return origin;
                break;
            case IDelegateCreationOperation creation:
                foreach (var origin in Resolve(creation.Target, owner, inStep)) yield return origin;
                break;
            case IAnonymousFunctionOperation:
                yield return new DelegateOrigin.Lambda(owner, inStep);
                break;
            case IMethodReferenceOperation reference:
                yield return new DelegateOrigin.MethodGroup(reference.Method.OriginalDefinition, owner, inStep);
                break;
            case ILocalReferenceOperation local:
                yield return new DelegateOrigin.Storage(local.Local);
                break;
            case IParameterReferenceOperation parameter:
                yield return new DelegateOrigin.Storage(parameter.Parameter.OriginalDefinition);
                break;
            case IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }:
                yield return new DelegateOrigin.Storage(((IMemberReferenceOperation)value).Member.OriginalDefinition);
                break;
            case IPropertyReferenceOperation { Instance: { } indexed }:
                foreach (var origin in Resolve(indexed, owner, inStep)) yield return origin;
                break;
            case IArrayElementReferenceOperation element:
                foreach (var origin in Resolve(element.ArrayReference, owner, inStep)) yield return origin;
                break;
            case IConditionalOperation conditional:
                foreach (var origin in Resolve(conditional.WhenTrue, owner, inStep).Concat(Resolve(conditional.WhenFalse, owner, inStep))) yield return origin;
                break;
            case ICoalesceOperation coalesce:
                foreach (var origin in Resolve(coalesce.Value, owner, inStep).Concat(Resolve(coalesce.WhenNull, owner, inStep))) yield return origin;
                break;
            case IInvocationOperation call when CodeUnits.IsInSource(call.TargetMethod, _compilation):
                yield return new DelegateOrigin.Storage(call.TargetMethod.OriginalDefinition);
                break;
            case IInvocationOperation { TargetMethod.MethodKind: not MethodKind.DelegateInvoke } call:
                // A library call returning delegates (ToArray, Reverse, Concat, First…) passes on what it was given.
                var given = new[] { call.Instance }.Concat(call.Arguments.Select(a => a.Value)).Where(v => v is not null && CarriesDelegates(v.Type)).ToList();
                if (given.Count == 0) yield return DelegateOrigin.Unknown.Instance;
                foreach (var origin in given.SelectMany(v => Resolve(v, owner, inStep))) yield return origin;
                break;
            case IObjectCreationOperation creation:
                foreach (var origin in creation.Arguments.Where(a => CarriesDelegates(a.Value.Type)).SelectMany(a => Resolve(a.Value, owner, inStep))) yield return origin;
                foreach (var origin in Elements(creation.Initializer).SelectMany(e => Resolve(e, owner, inStep))) yield return origin;
                break;
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var origin in initializer.ElementValues.SelectMany(e => Resolve(e, owner, inStep))) yield return origin;
                break;
            case ICollectionExpressionOperation collection:
                foreach (var origin in collection.Elements.SelectMany(e => Resolve(e is ISpreadOperation spread ? spread.Operand : e, owner, inStep))) yield return origin;
                break;
            default:
                yield return DelegateOrigin.Unknown.Instance;
                break;
        }
    }

    /// <summary>What was recorded flowing into <paramref name="storage"/>; null when nothing in the compilation writes it.</summary>
    public IEnumerable<DelegateOrigin>? SourcesOf(ISymbol storage) =>
        _sources.TryGetValue(storage, out var sources) ? sources : null;

    public static bool CarriesDelegates(ITypeSymbol? type, int depth = 0) => depth < 4 && type switch
    {
        null => false,
        { TypeKind: TypeKind.Delegate } => true,
        IArrayTypeSymbol array => CarriesDelegates(array.ElementType, depth + 1),
        INamedTypeSymbol { IsGenericType: true } generic => generic.TypeArguments.Any(t => CarriesDelegates(t, depth + 1)),
        _ => false,
    };

    private void RecordCall(IInvocationOperation call, ISymbol owner, bool inStep)
    {
        if (call.Instance is { } instance && Adders.Contains(call.TargetMethod.Name) && CarriesDelegates(instance.Type) && StorageOf(instance) is { } collection)
        {
            foreach (var argument in call.Arguments.Where(a => CarriesDelegates(a.Value.Type))) Add(collection, argument.Value, owner, inStep);
        }
        if (!CodeUnits.IsInSource(call.TargetMethod, _compilation)) return;
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter && CarriesDelegates(parameter.Type)) Add(parameter.OriginalDefinition, argument.Value, owner, inStep);
        }
    }

    private void Add(ISymbol storage, IOperation value, ISymbol owner, bool inStep)
    {
        var bag = _sources.GetOrAdd(storage, _ => []);
        foreach (var origin in Resolve(value, owner, inStep)) bag.Add(origin);
    }

    /// <summary>The storage an assignment target or a collection receiver stands for; indexers and elements stand for their container.</summary>
    private static ISymbol? StorageOf(IOperation target) => Api.Unwrap(target) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter.OriginalDefinition,
        IFieldReferenceOperation field => field.Field.OriginalDefinition,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.OriginalDefinition,
        IPropertyReferenceOperation { Instance: { } indexed } => StorageOf(indexed),
        IArrayElementReferenceOperation element => StorageOf(element.ArrayReference),
        _ => null,
    };

    private static IEnumerable<IOperation> Elements(IObjectOrCollectionInitializerOperation? initializer) =>
        initializer is null ? [] : initializer.Initializers.OfType<IInvocationOperation>().SelectMany(add => add.Arguments.Select(a => a.Value));

    /// <summary>The method or local function a return belongs to (not a lambda's return).</summary>
    private static ISymbol? ReturningMethod(IOperation operation, ISymbol owner)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation) return null;
            if (current is ILocalFunctionOperation local) return local.Symbol;
        }
        return owner as IMethodSymbol;
    }
}
