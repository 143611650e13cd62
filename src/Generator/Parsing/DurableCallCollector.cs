using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workflows.Generator.Diagnostics;
using Workflows.Generator.Model;

namespace Workflows.Generator.Parsing;

/// <summary>
/// Walks a workflow method — its lambdas, local functions and, transitively, the helper methods of this compilation
/// it calls — and collects the durable calls: step and workflow calls to intercept, and every durable call site for
/// the manifest, in the order they run (a call completes after its arguments, so sites are ordered by where they end).
/// </summary>
internal sealed class DurableCallCollector
{
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = [];
    private readonly HashSet<IMethodSymbol> _active = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, int> _ordinals = new(System.StringComparer.Ordinal);
    // The method body being walked, and the patch guard of the call that led into it (for a helper).
    private SyntaxNode? _root;
    private string? _inheritedGuard;

    public DurableCallCollector(SemanticModel model, CancellationToken cancellationToken)
    {
        _compilation = model.Compilation;
        _models[model.SyntaxTree] = model;
        _cancellationToken = cancellationToken;
    }

    public List<CallSiteModel> CallSites { get; } = [];

    public List<ManifestEntryModel> Manifest { get; } = [];

    public List<DiagnosticInfo> Diagnostics { get; } = [];

    public void CollectFrom(IMethodSymbol method, SyntaxNode declaration)
    {
        if (!_active.Add(method)) return; // recursion: the cycle's calls are already being listed
        var outerRoot = _root;
        _root = declaration;
        var model = ModelFor(declaration.SyntaxTree);
        var nodes = declaration.DescendantNodes()
            .Where(n => n is InvocationExpressionSyntax or SimpleNameSyntax)
            .OrderBy(n => n.Span.End)
            .ThenByDescending(n => n.SpanStart);
        foreach (var node in nodes)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (node is InvocationExpressionSyntax invocation) Visit(invocation, model);
            else VisitName((SimpleNameSyntax)node, model);
        }
        _root = outerRoot;
        _active.Remove(method);
    }

    private void Visit(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        if (model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol called) return;
        var definition = (called.ReducedFrom ?? called).OriginalDefinition;

        if (PatchGuards.Kind(definition) is { } patch)
        {
            AddPatch(invocation, model, patch);
        }
        else if (definition.Attribute(KnownNames.StepAttribute) is { } step)
        {
            AddCallSite(invocation, model, called, CallSiteKind.Step, step.Named<string>("Name") ?? definition.Name, StepOptionsParser.Assignments(step));
        }
        else if (definition.Attribute(KnownNames.WorkflowAttribute) is { } workflow)
        {
            AddCallSite(invocation, model, called, CallSiteKind.Workflow, workflow.Named<string>("Name") ?? definition.Name, default);
        }
        else if (definition.Attribute(KnownNames.DurableCallAttribute) is { } durable)
        {
            AddManifestEntry(durable, invocation, model, called.ReturnType);
        }
        else if (IsTaskWhenAny(definition))
        {
            AddRace(invocation, model, called);
        }
        else if (IsHelper(definition) is { } helper)
        {
            var outerGuard = _inheritedGuard;
            _inheritedGuard = GuardOf(invocation, model);
            CollectFrom(definition, helper);
            _inheritedGuard = outerGuard;
        }
    }

    private void VisitName(SimpleNameSyntax name, SemanticModel model)
    {
        if (IsInvoked(name) || IsInNameOf(name)) return;
        var symbol = model.GetSymbolInfo(name, _cancellationToken) switch
        {
            { Symbol: { } resolved } => resolved,
            { CandidateSymbols.Length: > 0 } info => info.CandidateSymbols[0],
            _ => null,
        };
        switch (symbol)
        {
            case IPropertySymbol property when property.Attribute(KnownNames.DurableCallAttribute) is { } durable:
                AddManifestEntry(durable, name, model, resultOf: null);
                break;
            case IMethodSymbol method when method.OriginalDefinition.Has(KnownNames.StepAttribute) || method.OriginalDefinition.Has(KnownNames.WorkflowAttribute):
                var example = method.Parameters.Length == 1 ? $"x => {method.Name}(x)" : $"(...) => {method.Name}(...)";
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodGroup, name.GetLocation(), method.Name, example));
                break;
        }
    }

    private void AddCallSite(InvocationExpressionSyntax invocation, SemanticModel model, IMethodSymbol called, CallSiteKind kind, string name, Helpers.EquatableArray<string> options)
    {
        var target = called.ReducedFrom is null ? called : called.GetConstructedReducedFrom() ?? called;
        AddManifestEntry(kind.ToString(), name, invocation, model, target.ReturnType);
        var shape = AsyncShapes.Of(target.ReturnType);
        if (shape is null) return; // reported on the declaration (WF3001)
        if (MethodModels.UnsupportedReason(target) is { } reason)
        {
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, invocation.GetLocation(), kind == CallSiteKind.Step ? "Step" : "Workflow", target.Name, reason));
            return;
        }
        if (target.TypeArguments.Any(t => t is ITypeParameterSymbol) || target.Parameters.Any(p => ContainsTypeParameter(p.Type)))
        {
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, invocation.GetLocation(), kind.ToString(), target.Name,
                "it is called with an open type parameter of the calling code; call it from non-generic workflow code"));
            return;
        }
        var method = MethodModels.Create(target, shape.Value, called.ReducedFrom is not null, _compilation);
        if (!method.IsAccessible && target.ContainingType.IsStatic)
        {
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, invocation.GetLocation(), kind.ToString(), target.Name,
                "it is private to a static class, where generated code cannot reach it; make it internal"));
            return;
        }
        AddInterceptedSite(invocation, model, kind, name, method, target.ContainingType, options);
    }

    /// <summary>A <c>Task.WhenAny</c> of workflow code: the runtime decides it, so an event wait that loses steps back behind newer ones.</summary>
    private void AddRace(InvocationExpressionSyntax invocation, SemanticModel model, IMethodSymbol called)
    {
        // A race over tasks of an open type parameter runs as written: an interceptor cannot name its types.
        if (called.TypeArguments.Any(ContainsTypeParameter) || AsyncShapes.Of(called.ReturnType) is not { } shape) return;
        var method = MethodModels.Create(called, shape, isExtensionCall: false, _compilation);
        AddInterceptedSite(invocation, model, CallSiteKind.Race, "Task.WhenAny", method, called.ContainingType, default);
    }

    private void AddInterceptedSite(InvocationExpressionSyntax invocation, SemanticModel model, CallSiteKind kind, string name, MethodModel method, INamedTypeSymbol targetType, Helpers.EquatableArray<string> options)
    {
        if (model.GetInterceptableLocation(invocation, _cancellationToken) is not { } location) return;

        var span = invocation.GetLocation().GetLineSpan();
        var display = $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        var enclosing = model.GetEnclosingSymbol(invocation.SpanStart, _cancellationToken);
        var fileType = enclosing as INamedTypeSymbol ?? enclosing?.ContainingType;
        if (fileType is null) return;
        CallSites.Add(new CallSiteModel(
            kind,
            name,
            location.GetInterceptsLocationAttributeSyntax(),
            display,
            span.Path ?? "",
            invocation.SpanStart,
            new TypeKey(fileType.Qualified(), fileType.HintName()),
            method,
            new TypeKey(targetType.Qualified(), targetType.HintName()),
            options));
    }

    private static bool IsTaskWhenAny(IMethodSymbol method) =>
        method is { Name: "WhenAny", IsStatic: true, ContainingType: { Name: "Task", Arity: 0, ContainingNamespace: var ns } }
        && ns.ToDisplayString() == "System.Threading.Tasks";

    /// <summary>A <c>Workflow.Patched</c> check or <c>DeprecatePatch</c> call: in the manifest under its patch ID, which must be a constant.</summary>
    private void AddPatch(InvocationExpressionSyntax invocation, SemanticModel model, string kind)
    {
        if (PatchGuards.ConstantId(invocation, model, _cancellationToken) is { } id) AddManifestEntry(kind, id, invocation, model, resultOf: null);
        else Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PatchIdNotConstant, invocation.GetLocation(), kind == "Patch" ? PatchGuards.PatchedMethod : PatchGuards.DeprecateMethod));
    }

    private string? GuardOf(SyntaxNode node, SemanticModel model) => PatchGuards.Of(node, _root ?? node, model, _inheritedGuard, _cancellationToken);

    private void AddManifestEntry(AttributeData durable, SyntaxNode node, SemanticModel model, ITypeSymbol? resultOf)
    {
        var arguments = durable.ConstructorArguments;
        if (arguments.Length == 2 && arguments[0].Value is string kind && arguments[1].Value is string name) AddManifestEntry(kind, name, node, model, resultOf);
    }

    private void AddManifestEntry(string kind, string name, SyntaxNode node, SemanticModel model, ITypeSymbol? resultOf)
    {
        var key = kind + " " + name;
        _ordinals[key] = _ordinals.TryGetValue(key, out var n) ? n + 1 : 1;
        Manifest.Add(new ManifestEntryModel(kind, name, _ordinals[key], GuardOf(node, model), Shipping.ShippedCallFormat.ResultType(resultOf), SourceSpan.From(node.GetLocation())));
    }

    /// <summary>The body of a same-compilation method that workflow code calls, to walk for durable calls.</summary>
    private static SyntaxNode? IsHelper(IMethodSymbol method)
    {
        if (method.MethodKind is not MethodKind.Ordinary || method.IsAbstract || method.IsExtern) return null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null })
                return reference.GetSyntax();
        }
        return null;
    }

    private static bool IsInvoked(SimpleNameSyntax name) => name.Parent switch
    {
        InvocationExpressionSyntax invocation => invocation.Expression == name,
        MemberAccessExpressionSyntax access when access.Name == name => access.Parent is InvocationExpressionSyntax i && i.Expression == access,
        MemberBindingExpressionSyntax binding => binding.Parent is InvocationExpressionSyntax i && i.Expression == binding,
        _ => false,
    } || (name.Parent is MemberAccessExpressionSyntax outer && outer.Expression == name);

    private static bool IsInNameOf(SyntaxNode node) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter),
        _ => false,
    };

    private SemanticModel ModelFor(SyntaxTree tree)
    {
        if (!_models.TryGetValue(tree, out var model)) _models[tree] = model = _compilation.GetSemanticModel(tree);
        return model;
    }
}
