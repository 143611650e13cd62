using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers.WorkflowCode;

/// <summary>One rule's check of the operations of workflow code.</summary>
internal interface IWorkflowCodeCheck
{
    /// <summary>The operation kinds the check looks at.</summary>
    ImmutableArray<OperationKind> Kinds { get; }

    /// <summary>Adds a finding to <paramref name="facts"/> when <paramref name="operation"/> breaks the rule.</summary>
    void Check(IOperation operation, KnownTypes types, CodeFacts facts);
}
