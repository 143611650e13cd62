namespace Workflows.CrashTests.Harness;

/// <summary>The invariants checked after one run: all must be zero, and the results must equal the reference run's.</summary>
public sealed record RunResult(int Run, int Kills, int Lost, int Duplicated, int Unfinished, int Reexecuted, bool ResultsMatch, TimeSpan Elapsed, IReadOnlyList<string> Problems)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && Unfinished == 0 && ResultsMatch;

    public override string ToString() =>
        $"run {Run}: kills={Kills} lost={Lost} duplicated={Duplicated} unfinished={Unfinished} reexecuted={Reexecuted} " +
        $"results={(ResultsMatch ? "equal" : "DIFFERENT")} ({Elapsed.TotalSeconds:0.0} s)";
}
