namespace Workflows.Identity;

/// <summary>The identity of one durable operation: its ID and where it was scheduled.</summary>
/// <param name="Id">The operation ID, <c>{scope}/{name}#{n}</c>.</param>
/// <param name="Scope">The scope it was scheduled in ("" at top level).</param>
/// <param name="Sequence">Its scheduling position within the scope, from 1.</param>
internal readonly record struct OperationKey(string Id, string Scope, int Sequence);
