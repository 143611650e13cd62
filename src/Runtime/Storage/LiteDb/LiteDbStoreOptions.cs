namespace Workflows.Storage.LiteDb;

/// <summary>Settings of the embedded LiteDB checkpoint store.</summary>
public sealed record LiteDbStoreOptions
{
    /// <summary>Encrypts the file with this password (AES); null for an unencrypted file.</summary>
    public string? Password { get; init; }

    /// <summary>The most commits the writer groups into one transaction. Default 1,000.</summary>
    public int MaxBatchSize { get; init; } = 1000;
}
