using System.Linq;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers;

/// <summary>The Workflows types the analyzers recognise, resolved once per compilation.</summary>
internal sealed class KnownTypes
{
    private KnownTypes(Compilation compilation, INamedTypeSymbol workflow, INamedTypeSymbol workflowAttribute, INamedTypeSymbol stepAttribute)
    {
        Compilation = compilation;
        Workflow = workflow;
        WorkflowAttribute = workflowAttribute;
        StepAttribute = stepAttribute;
        DurableCallAttribute = TypeByName(compilation, "Workflows.DurableCallAttribute");
        ChildInstanceIdAttribute = TypeByName(compilation, "Workflows.ChildInstanceIdAttribute");
        WorkflowClient = TypeByName(compilation, "Workflows.WorkflowClient");
        WorkflowClientInterface = TypeByName(compilation, "Workflows.IWorkflowClient");
        StartWorkflowOptions = TypeByName(compilation, "Workflows.StartWorkflowOptions");
        UpdateAttribute = TypeByName(compilation, "Workflows.UpdateAttribute");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol Workflow { get; }

    public INamedTypeSymbol WorkflowAttribute { get; }

    public INamedTypeSymbol StepAttribute { get; }

    public INamedTypeSymbol? DurableCallAttribute { get; }

    public INamedTypeSymbol? ChildInstanceIdAttribute { get; }

    public INamedTypeSymbol? WorkflowClient { get; }

    public INamedTypeSymbol? WorkflowClientInterface { get; }

    public INamedTypeSymbol? StartWorkflowOptions { get; }

    public INamedTypeSymbol? UpdateAttribute { get; }

    /// <summary>The known types, or null when the compilation does not reference Workflows.</summary>
    public static KnownTypes? Create(Compilation compilation)
    {
        var workflow = TypeByName(compilation, "Workflows.Workflow");
        var workflowAttribute = TypeByName(compilation, "Workflows.WorkflowAttribute");
        var stepAttribute = TypeByName(compilation, "Workflows.StepAttribute");
        return workflow is null || workflowAttribute is null || stepAttribute is null
            ? null
            : new KnownTypes(compilation, workflow, workflowAttribute, stepAttribute);
    }

    public bool IsWorkflow(ISymbol symbol) => HasAttribute(symbol, WorkflowAttribute);

    public bool IsStep(ISymbol symbol) => HasAttribute(symbol, StepAttribute);

    /// <summary>Whether the method's body is workflow code: a workflow, or an update that runs as one.</summary>
    public bool IsWorkflowCodeRoot(ISymbol symbol) => IsWorkflow(symbol) || HasAttribute(symbol, UpdateAttribute);

    /// <summary>Whether calling <paramref name="method"/> is a durable operation: a step, a workflow, or the durable API.</summary>
    public bool IsDurableCall(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        // Members marked as durable calls: the durable API, and generated ones (typed child starts).
        if (IsStep(definition) || IsWorkflow(definition) || HasAttribute(definition, DurableCallAttribute)) return true;
        if (!SymbolEqualityComparer.Default.Equals(definition.ContainingType, Workflow)) return false;
        // A condition wait journals nothing of its own (or a timer), but completes only at a delivery: replay-safe.
        return definition.Name is "RunStepAsync" or "RunChildWorkflowAsync" or "StartChildWorkflowAsync" or "WaitConditionAsync";
    }

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>
    /// The type with this metadata name as the compilation sees it: its own definition first, then the one unique
    /// definition among references (GetTypeByMetadataName returns null when two references define it).
    /// </summary>
    public static INamedTypeSymbol? TypeByName(Compilation compilation, string metadataName)
    {
        if (compilation.Assembly.GetTypeByMetadataName(metadataName) is { } own) return own;
        var candidates = compilation.GetTypesByMetadataName(metadataName);
        return candidates.Length == 1 ? candidates[0] : compilation.GetTypeByMetadataName(metadataName);
    }
}
