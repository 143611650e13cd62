using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>
/// What one unit of code does that matters to workflow code: rules it breaks and the units of this compilation it
/// runs. A unit is a method (accessors, operators, conversions and constructors included), a type's initializer
/// (its static constructor and static member initializers, keyed by the type) or an instance member's initializer
/// (keyed by the field or property).
/// </summary>
internal sealed class CodeFacts(ISymbol unit)
{
    private readonly object _gate = new();
    private readonly List<Finding> _findings = [];
    private readonly HashSet<ISymbol> _calls = new(SymbolEqualityComparer.Default);

    public ISymbol Unit { get; } = unit;

    public void Add(WorkflowCodeRule rule, Location location, string api, string replacement = "", string? fix = null)
    {
        lock (_gate) _findings.Add(new Finding(rule, location, api, replacement, fix));
    }

    public void AddCall(ISymbol callee)
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

    public ImmutableArray<ISymbol> Calls
    {
        get
        {
            lock (_gate) return [.. _calls];
        }
    }
}
