using Npgsql;

namespace Workflows.PostgreSql.Schema;

/// <summary>Creates the schema or brings it up to <see cref="Migrations.Latest"/>, safely when several workers start at once.</summary>
internal static class SchemaSetup
{
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, StoreNames names, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Serializes concurrent starts on this schema until the transaction ends; the others then find it migrated.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@key))", cancellationToken, ("key", "workflows-schema:" + names.SchemaName)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {names.Schema};
            CREATE TABLE IF NOT EXISTS {names.Schema}.schema_versions (
                version     integer PRIMARY KEY,
                description text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken).ConfigureAwait(false);

        var current = await CurrentVersionAsync(connection, transaction, names, cancellationToken).ConfigureAwait(false);
        if (current > Migrations.Latest)
            throw new CheckpointStoreException(CheckpointStoreError.NewerSchema,
                $"The PostgreSQL checkpoint store in schema '{names.SchemaName}' has schema version {current}, but this version of Workflows knows up to {Migrations.Latest}. " +
                "Upgrade the Workflows.PostgreSql package on this worker; every worker on one schema must run a version that knows its schema.");
        foreach (var (version, description, sql) in Migrations.All(names.Schema))
        {
            if (version <= current) continue;
            await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"INSERT INTO {names.Schema}.schema_versions (version, description) VALUES (@version, @description)",
                cancellationToken, ("version", version), ("description", description)).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoreNames names, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {names.Schema}.schema_versions", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
