using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>
/// Awaits of a delegate's result in workflow code, judged once the whole compilation is seen: fine when every lambda
/// and method group that can flow into the delegate (<see cref="DelegateFlow"/>) is itself workflow code — a lambda
/// written in workflow code outside a step, a method group of a step, a workflow or this compilation's code — and
/// WF1008 otherwise, including for delegates of unknown origin (a parameter nobody in the compilation passes, a value
/// from a library).
/// </summary>
internal sealed class DelegateAwaits(DelegateFlow flow, KnownTypes types)
{
    private readonly ConcurrentBag<(CodeFacts Facts, Location Location, string Api, List<DelegateOrigin> Origins)> _pending = [];

    public void Add(CodeFacts facts, Location location, string api, IEnumerable<DelegateOrigin> origins) =>
        _pending.Add((facts, location, api, origins.ToList()));

    /// <summary>Adds WF1008 to the facts of each await whose delegate may come from outside workflow code; returns those findings.</summary>
    public IReadOnlyList<(CodeFacts Facts, Finding Finding)> Judge(ISet<ISymbol> workflowCode)
    {
        var findings = new List<(CodeFacts, Finding)>();
        foreach (var (facts, location, api, origins) in _pending)
        {
            if (AllWorkflowCode(origins, workflowCode)) continue;
            facts.Add(DiagnosticDescriptors.NonDurableAwait, location, api);
            findings.Add((facts, new Finding(DiagnosticDescriptors.NonDurableAwait, location, api, "", null)));
        }
        return findings;
    }

    private bool AllWorkflowCode(List<DelegateOrigin> start, ISet<ISymbol> workflowCode)
    {
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var queue = new Queue<DelegateOrigin>(start);
        while (queue.Count > 0)
        {
            switch (queue.Dequeue())
            {
                case DelegateOrigin.Unknown:
                    return false;
                case DelegateOrigin.Lambda lambda:
                    if (lambda.InStep || !workflowCode.Contains(lambda.Owner)) return false;
                    break;
                case DelegateOrigin.MethodGroup group:
                    if (!types.IsDurableCall(group.Method) && !(CodeUnits.IsInSource(group.Method, types.Compilation) && !group.InStep && workflowCode.Contains(group.Owner))) return false;
                    break;
                case DelegateOrigin.Storage storage when seen.Add(storage.Symbol):
                    // A parameter or field nothing in the compilation fills holds what code elsewhere put there.
                    if (flow.SourcesOf(storage.Symbol) is not { } sources) return false;
                    foreach (var source in sources) queue.Enqueue(source);
                    break;
            }
        }
        return true;
    }
}
