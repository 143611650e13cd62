using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>What one method's body does that matters to workflow code: rules it breaks and source methods it calls.</summary>
internal sealed class MethodFacts(IMethodSymbol method)
{
    private readonly object _gate = new();
    private readonly List<Finding> _findings = [];
    private readonly HashSet<IMethodSymbol> _calls = new(SymbolEqualityComparer.Default);

    public IMethodSymbol Method { get; } = method;

    public void Add(WorkflowCodeRule rule, Location location, string api, string replacement = "", string? fix = null)
    {
        lock (_gate) _findings.Add(new Finding(rule, location, api, replacement, fix));
    }

    public void AddCall(IMethodSymbol callee)
    {
        lock (_gate) _calls.Add(callee);
    }

    public ImmutableArray<Finding> Findings
    {
        get
        {
            lock (_gate) return [.. _findings];
        }
    }

    public ImmutableArray<IMethodSymbol> Calls
    {
        get
        {
            lock (_gate) return [.. _calls];
        }
    }
}
