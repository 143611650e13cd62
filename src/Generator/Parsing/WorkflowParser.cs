using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Diagnostics;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Parsing;

/// <summary>Turns a [Workflow] method into its model, its durable call sites and its diagnostics.</summary>
internal static class WorkflowParser
{
    /// <summary>An [Update] method is workflow code too: its durable calls are intercepted; it is registered with its class's workflows.</summary>
    public static WorkflowParseResult ParseUpdate(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var collector = new DurableCallCollector(context.SemanticModel, cancellationToken);
        collector.CollectFrom((IMethodSymbol)context.TargetSymbol, context.TargetNode);
        return new WorkflowParseResult(null, collector.CallSites.ToEquatableArray(), collector.Diagnostics.ToEquatableArray());
    }

    public static WorkflowParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        var collector = new DurableCallCollector(context.SemanticModel, cancellationToken);
        collector.CollectFrom(method, context.TargetNode);
        diagnostics.AddRange(collector.Diagnostics);

        var workflow = Describe(method, context.Attributes[0], context.SemanticModel.Compilation, collector.Manifest, diagnostics);
        return new WorkflowParseResult(workflow, collector.CallSites.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static WorkflowModel? Describe(IMethodSymbol method, AttributeData attribute, Compilation compilation, List<ManifestEntryModel> manifest, List<DiagnosticInfo> diagnostics)
    {
        var location = method.Locations.FirstOrDefault();
        var shape = AsyncShapes.Of(method.ReturnType);
        if (shape is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, "workflow", method.Name, method.ReturnType.ToDisplayString()));
            return null;
        }
        var unsupported = MethodModels.UnsupportedReason(method)
            ?? (method.IsGenericMethod ? "it is generic; durable names and stored inputs need one concrete signature" : null)
            ?? (!method.ContainingType.IsNameableFromAssembly() ? "its class is private or protected; make it internal or public" : null)
            ?? (!method.IsStatic && method.ContainingType.IsAbstract ? "it is an instance method of an abstract class" : null)
            ?? (method.ContainingType.IsStatic && !compilation.IsSymbolAccessibleWithin(method, compilation.Assembly) ? "it is private to a static class, where generated code cannot reach it; make it internal" : null);
        if (unsupported is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, "Workflow", method.Name, unsupported));
            return null;
        }

        // An invalid name is the analyzers' WF2003; registering it would fail when the assembly loads.
        if (Shared.DurableNameRule.Problem(attribute.Named<string>("Name") ?? method.Name) is not null) return null;

        foreach (var parameter in method.Parameters.Where(p => !p.Type.IsCancellationToken()))
        {
            if (SerializabilityCheck.Problem(parameter.Type) is { } problem)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSerializable, parameter.Locations.FirstOrDefault(), $"Parameter '{parameter.Name}'", method.Name, parameter.Type.ToDisplayString(), problem));
        }
        var result = AsyncShapes.ResultType(method.ReturnType, shape.Value);
        if (result is not null && SerializabilityCheck.Problem(result) is { } resultProblem)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSerializable, location, "The result", method.Name, result.ToDisplayString(), resultProblem));

        FactoryModel? factory = null;
        if (!method.IsStatic)
        {
            factory = Factory(method.ContainingType);
            if (factory is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, "Workflow", method.Name,
                    $"'{method.ContainingType.Name}' has no public constructor to build it with; add one (its parameters are resolved from WorkflowEngineOptions.Services)"));
                return null;
            }
        }

        var type = method.ContainingType;
        var isPublic = type.IsPublic() && method.Parameters.All(p => p.Type.IsPublic()) && (result?.IsPublic() ?? true);
        var name = attribute.Named<string>("Name") ?? method.Name;
        return new WorkflowModel(
            name,
            new TypeKey(type.Qualified(), type.HintName()),
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            type.Name,
            isPublic,
            MethodModels.Create(method, shape.Value, isExtensionCall: false, compilation),
            factory,
            manifest.ToEquatableArray(),
            SourceSpan.From(location),
            factory is null ? EquatableArray<HandlerModel>.Empty : HandlerParser.Queries(type, compilation),
            factory is null ? EquatableArray<HandlerModel>.Empty : HandlerParser.Signals(type, compilation),
            factory is null ? EquatableArray<UpdateModel>.Empty : HandlerParser.Updates(type, compilation),
            attribute.Named<int>("ExecutionTimeoutSeconds") is > 0 and var execution ? execution : null,
            attribute.Named<int>("RunTimeoutSeconds") is > 0 and var run ? run : null,
            attribute.Named<int>("MaxRecoveryAttempts") is > 0 and var recoveries ? recoveries : null,
            ScheduleParser.Parse(method, name, diagnostics));
    }

    /// <summary>The public constructor with the most parameters (each resolved from services), or null when there is none.</summary>
    private static FactoryModel? Factory(INamedTypeSymbol type)
    {
        var constructor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.All(p => p.RefKind == RefKind.None))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        return constructor is null ? null : new FactoryModel(constructor.Parameters.Select(p => p.Type.Qualified()).ToEquatableArray());
    }
}
