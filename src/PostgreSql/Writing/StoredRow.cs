using Workflows.Storage;

namespace Workflows.PostgreSql.Writing;

/// <summary>
/// An instance row as a commit group sees it: who leases it with which epoch, and the record when a precondition of
/// the group needs it (null otherwise).
/// </summary>
internal sealed record StoredRow(InstanceRecord? Record, string? Owner, long Epoch);
