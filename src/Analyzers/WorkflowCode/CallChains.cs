using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>
/// Finds the code units workflow code reaches within the compilation (breadth first from each workflow,
/// so each chain is a shortest one; cycles end at visited methods) and reports what those methods break, naming
/// the workflow and the chain.
/// </summary>
internal static class CallChains
{
    public static void ReportReached(ConcurrentDictionary<ISymbol, CodeFacts> facts, KnownTypes types, System.Action<Diagnostic> report)
    {
        var reported = new HashSet<Location>();
        var roots = facts.Values.Where(f => types.IsWorkflowCodeRoot(f.Unit))
            .OrderBy(f => f.Unit.ToDisplayString(), System.StringComparer.Ordinal);
        foreach (var root in roots)
        {
            var parents = new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default);
            var queue = new Queue<ISymbol>();
            queue.Enqueue(root.Unit);
            var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { root.Unit };
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                if (!facts.TryGetValue(current, out var currentFacts)) continue;
                foreach (var callee in currentFacts.Calls)
                {
                    if (types.IsWorkflow(callee) || types.IsStep(callee) || !visited.Add(callee)) continue;
                    parents[callee] = current;
                    queue.Enqueue(callee);
                    if (!facts.TryGetValue(callee, out var calleeFacts)) continue;
                    foreach (var finding in calleeFacts.Findings)
                    {
                        if (!reported.Add(finding.Location)) continue;
                        var chain = Chain(callee, parents);
                        report(finding.ToDiagnostic(finding.Rule.Reached, $" (reached from workflow '{root.Unit.Name}' via {chain})"));
                    }
                }
            }
        }
    }

    /// <summary>Every unit that is workflow code: the roots and what they reach.</summary>
    public static ISet<ISymbol> WorkflowCode(ConcurrentDictionary<ISymbol, CodeFacts> facts, KnownTypes types)
    {
        var visited = new HashSet<ISymbol>(facts.Keys.Where(types.IsWorkflowCodeRoot), SymbolEqualityComparer.Default);
        var queue = new Queue<ISymbol>(visited);
        while (queue.Count > 0)
        {
            if (!facts.TryGetValue(queue.Dequeue(), out var currentFacts)) continue;
            foreach (var callee in currentFacts.Calls)
            {
                if (!types.IsWorkflow(callee) && !types.IsStep(callee) && visited.Add(callee)) queue.Enqueue(callee);
            }
        }
        return visited;
    }

    private static string Chain(ISymbol method, Dictionary<ISymbol, ISymbol> parents)
    {
        var names = new List<string>();
        for (ISymbol? current = method; current is not null && parents.ContainsKey(current); current = parents[current])
            names.Add(CodeUnits.Describe(current));
        names.Reverse();
        return string.Join(" → ", names);
    }
}
