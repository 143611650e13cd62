using System.CommandLine;

namespace Workflows.Cli.Sources;

/// <summary>
/// Where a command reads instances: a LiteDB file (the first argument), a PostgreSQL database (<c>--postgres</c>), or
/// a running app's HTTP API (<c>--url</c>); exactly one of them. Commands about one instance take its ID after the
/// file, or alone with <c>--postgres</c> and <c>--url</c>.
/// </summary>
internal sealed class SourceOptions
{
    private readonly Argument _positional;
    private readonly bool _takesInstanceId;

    public SourceOptions(bool takesInstanceId = false)
    {
        _takesInstanceId = takesInstanceId;
        _positional = takesInstanceId
            ? new Argument<string[]>("db> <instanceId")
            {
                Description = "The LiteDB checkpoint file (omit it with --postgres or --url), then the workflow instance ID.",
                Arity = new ArgumentArity(1, 2),
            }
            : new Argument<string?>("db")
            {
                Description = "The LiteDB checkpoint file (the engine's store path); or use --postgres or --url instead.",
                Arity = ArgumentArity.ZeroOrOne,
            };
    }

    public Option<string?> Password { get; } = new("--password") { Description = "The password the LiteDB file is encrypted with, if any." };

    public Option<string?> Postgres { get; } = new("--postgres") { Description = "Read a PostgreSQL store: its Npgsql connection string." };

    public Option<string?> Schema { get; } = new("--schema") { Description = "The PostgreSQL store's schema (default 'workflows')." };

    public Option<string?> Url { get; } = new("--url") { Description = "Read a running app through its workflows API, e.g. http://localhost:5080/workflows/api." };

    /// <summary>The LiteDB file named on the command line, if any.</summary>
    public FileInfo? Database(ParseResult parse) => FileOf(Values(parse.GetResult(_positional)));

    /// <summary>The instance ID named on the command line (commands about one instance).</summary>
    public string InstanceId(ParseResult parse) => Values(parse.GetResult(_positional))[^1];

    private static string[] Values(System.CommandLine.Parsing.ArgumentResult? result) => result is null ? [] : [.. result.Tokens.Select(t => t.Value)];

    private FileInfo? FileOf(string[] values) => (_takesInstanceId ? values.Length - 1 : values.Length) > 0 ? new FileInfo(values[0]) : null;

    /// <summary>Adds the arguments and options to <paramref name="command"/>, first the positional one.</summary>
    public Command AddTo(Command command)
    {
        command.Arguments.Insert(0, _positional);
        command.Add(Postgres);
        command.Add(Schema);
        command.Add(Url);
        command.Add(Password);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Url) is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"))
                result.AddError($"--url '{url}' is not an http(s) address: give the app's workflows API, e.g. http://localhost:5080/workflows/api.");
            var values = Values(result.GetResult(_positional));
            var chosen = new[] { FileOf(values) is not null, result.GetValue(Postgres) is not null, result.GetValue(Url) is not null }.Count(c => c);
            if (chosen != 1)
            {
                result.AddError(_takesInstanceId && chosen == 0 && values.Length < 2
                    ? "Say where the instance is (a LiteDB file before its ID, --postgres <connection string> or --url <api address>) and its ID."
                    : "Say where the instances are: a LiteDB file, --postgres <connection string> or --url <api address>, exactly one.");
            }
        });
        return command;
    }
}
