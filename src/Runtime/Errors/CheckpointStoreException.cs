namespace Workflows;

/// <summary>The checkpoint store cannot be used: the message says which file, what is wrong and what to do.</summary>
public sealed class CheckpointStoreException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointStoreException(CheckpointStoreError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>What kind of problem this is.</summary>
    public CheckpointStoreError Error { get; }
}

/// <summary>The kinds of problem a checkpoint store reports.</summary>
public enum CheckpointStoreError
{
    /// <summary>The file is not a checkpoint store, or its content is damaged.</summary>
    Corrupt,
    /// <summary>Another process has the file open.</summary>
    Locked,
    /// <summary>The file was written by a newer version of this library.</summary>
    NewerSchema,
    /// <summary>The encryption password is missing or wrong.</summary>
    WrongPassword,
    /// <summary>A write could not be made durable.</summary>
    WriteFailed,
    /// <summary>This worker no longer holds the lease of the instance it wrote for (shared stores): another worker runs it.</summary>
    LeaseLost,
    /// <summary>The database cannot be reached or refused the connection.</summary>
    Unavailable,
}
