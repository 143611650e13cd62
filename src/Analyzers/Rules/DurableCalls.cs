using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Workflows.Analyzers.Rules;

/// <summary>Finds durable calls inside a piece of workflow code.</summary>
internal static class DurableCalls
{
    public static bool Within(IOperation? operation, KnownTypes types) =>
        operation is not null && operation.DescendantsAndSelf().OfType<IInvocationOperation>().Any(i => types.IsDurableCall(i.TargetMethod));
}
