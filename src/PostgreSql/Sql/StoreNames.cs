using System.Text.RegularExpressions;

namespace Workflows.PostgreSql;

/// <summary>The quoted names of one store's schema, tables and notification channel.</summary>
internal sealed partial class StoreNames
{
    public StoreNames(string schema)
    {
        if (schema is null || !SchemaPattern().IsMatch(schema))
            throw new ArgumentException(
                $"'{schema}' is not a usable schema name for the PostgreSQL checkpoint store: use 1 to 50 lower-case letters, digits or underscores, starting with a letter or underscore.",
                nameof(schema));
        SchemaName = schema;
        Schema = $"\"{schema}\"";
        Instances = $"{Schema}.instances";
        Journal = $"{Schema}.journal";
        Inbox = $"{Schema}.inbox";
        Channel = $"workflows_{schema}";
    }

    /// <summary>The schema as configured.</summary>
    public string SchemaName { get; }

    /// <summary>The quoted schema.</summary>
    public string Schema { get; }

    public string Instances { get; }

    public string Journal { get; }

    public string Inbox { get; }

    /// <summary>The LISTEN/NOTIFY channel of the schema.</summary>
    public string Channel { get; }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,49}$")]
    private static partial Regex SchemaPattern();
}
