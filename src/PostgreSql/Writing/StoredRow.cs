using Workflows.Storage;

namespace Workflows.PostgreSql.Writing;

/// <summary>An instance row as a commit group sees it: the record and who leases it with which epoch.</summary>
internal sealed record StoredRow(InstanceRecord Record, string? Owner, long Epoch);
