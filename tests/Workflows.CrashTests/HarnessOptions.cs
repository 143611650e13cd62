using System.Globalization;

namespace Workflows.CrashTests;

/// <summary>The harness's command line.</summary>
public sealed record HarnessOptions(int Runs, int Seed, int? MaxKillDelayMs, bool Load, int Instances, bool Keep, string? Postgres, int Workers)
{
    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions(Runs: 10, Seed: 1, MaxKillDelayMs: null, Load: false, Instances: 1000, Keep: false, Postgres: null, Workers: 3);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.");
            options = args[i] switch
            {
                "--runs" => options with { Runs = Next() },
                "--seed" => options with { Seed = Next() },
                "--max-kill-delay" => options with { MaxKillDelayMs = Math.Max(Next(), 101) },
                "--instances" => options with { Instances = Next() },
                "--load" => options with { Load = true },
                "--keep" => options with { Keep = true },
                "--postgres" => options with { Postgres = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--postgres needs a connection string.") },
                "--workers" => options with { Workers = Next() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --runs N, --seed S, --max-kill-delay MS, --load, --instances N, --keep, --postgres CONNECTION --workers N."),
            };
        }
        return options;
    }
}
