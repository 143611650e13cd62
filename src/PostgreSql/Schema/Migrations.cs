namespace Workflows.PostgreSql.Schema;

/// <summary>
/// The store's schema as numbered, append-only migrations. A released migration never changes; a change of the
/// schema is a new migration with the next number.
/// </summary>
internal static class Migrations
{
    /// <summary>The highest schema version this library knows; a database at a higher one is refused.</summary>
    public const int Latest = 3;

    /// <summary>The SQL of each version, for a schema named by <paramref name="s"/> (quoted).</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> All(string s) =>
    [
        (1, "instances, journal, inbox, leases", $"""
            CREATE SEQUENCE {s}.lease_epochs;

            CREATE TABLE {s}.instances (
                instance_id         text COLLATE "C" PRIMARY KEY,
                workflow_name       text COLLATE "C" NOT NULL,
                status              smallint NOT NULL,
                execution           integer NOT NULL,
                manifest            text,
                parent_instance_id  text,
                parent_execution    integer NOT NULL,
                parent_operation_id text,
                input               text,
                output              text,
                error_type          text,
                error_message       text,
                error_stack         text,
                status_reason       text,
                created_at          bigint NOT NULL,
                updated_at          bigint NOT NULL,
                completed_at        bigint,
                owner               text,
                lease_epoch         bigint NOT NULL DEFAULT 0,
                lease_until         timestamptz,
                wake_at             timestamptz
            );
            COMMENT ON COLUMN {s}.instances.created_at IS 'UTC, .NET ticks (100 ns since 0001-01-01), exact round trip';
            COMMENT ON COLUMN {s}.instances.wake_at IS 'when an unleased running instance needs a worker; null: when a message arrives';
            CREATE INDEX instances_claimable ON {s}.instances (wake_at) WHERE status = 0 AND owner IS NULL;
            CREATE INDEX instances_leased ON {s}.instances (lease_until) WHERE status = 0 AND owner IS NOT NULL;
            CREATE INDEX instances_owner ON {s}.instances (owner) WHERE owner IS NOT NULL;
            CREATE INDEX instances_status ON {s}.instances (status, created_at);

            CREATE TABLE {s}.journal (
                instance_id      text COLLATE "C" NOT NULL,
                execution        integer NOT NULL,
                operation_id     text COLLATE "C" NOT NULL,
                kind             smallint NOT NULL,
                name             text NOT NULL,
                scope            text NOT NULL,
                sequence         integer NOT NULL,
                status           smallint NOT NULL,
                completion_index bigint NOT NULL,
                result           text,
                error_type       text,
                error_message    text,
                error_stack      text,
                attempts         integer NOT NULL,
                next_attempt_at  bigint,
                recorded_at      bigint NOT NULL,
                PRIMARY KEY (instance_id, execution, operation_id)
            );

            CREATE TABLE {s}.inbox (
                instance_id   text COLLATE "C" NOT NULL,
                message_id    text COLLATE "C" NOT NULL,
                kind          smallint NOT NULL,
                payload       text,
                event_name    text,
                operation_id  text,
                execution     integer NOT NULL,
                error_type    text,
                error_message text,
                error_stack   text,
                received_at   bigint NOT NULL,
                PRIMARY KEY (instance_id, message_id)
            );
            """),
        (2, "custom status and timeouts of instances", $"""
            ALTER TABLE {s}.instances ADD COLUMN custom_status text;
            ALTER TABLE {s}.instances ADD COLUMN execution_deadline bigint;
            ALTER TABLE {s}.instances ADD COLUMN run_timeout bigint;
            ALTER TABLE {s}.instances ADD COLUMN run_deadline bigint;
            COMMENT ON COLUMN {s}.instances.run_timeout IS '.NET ticks; deadlines are UTC .NET ticks like created_at';
            """),
        (3, "indexes for listing instances newest first and by parent; journal details", $"""
            CREATE INDEX instances_newest ON {s}.instances (created_at DESC, instance_id DESC);
            CREATE INDEX instances_workflow_newest ON {s}.instances (workflow_name, created_at DESC, instance_id DESC);
            CREATE INDEX instances_parent ON {s}.instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;
            ALTER TABLE {s}.journal ADD COLUMN detail text;
            ALTER TABLE {s}.journal ADD COLUMN started_at bigint;
            """),
    ];
}
