using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>Where a delegate value can come from: a lambda, a method group, another storage it was read from, or something not followed.</summary>
internal abstract record DelegateOrigin
{
    /// <summary>A lambda or anonymous method written in <paramref name="Owner"/> (<paramref name="InStep"/>: inside step code).</summary>
    public sealed record Lambda(ISymbol Owner, bool InStep) : DelegateOrigin;

    /// <summary>A method group of <paramref name="Method"/>, referenced in <paramref name="Owner"/>.</summary>
    public sealed record MethodGroup(IMethodSymbol Method, ISymbol Owner, bool InStep) : DelegateOrigin;

    /// <summary>Whatever flows into a local, parameter, field, property or method return (a collection counts as its items).</summary>
    public sealed record Storage(ISymbol Symbol) : DelegateOrigin;

    /// <summary>A value the analysis does not follow: a delegate of unknown origin.</summary>
    public sealed record Unknown : DelegateOrigin
    {
        public static Unknown Instance { get; } = new();
    }
}
