using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Workflows.PostgreSql.Tests;

/// <summary>
/// A test that needs what this machine lacks (a PostgreSQL server, permission to mount a file system) is skipped with
/// the reason, so <c>dotnet test</c> passes anywhere; with WORKFLOWS_REQUIRE_ALL_TESTS=1 (set by .ci/run) it fails
/// instead, so CI never passes without running everything. Compiled into every test project that needs it.
/// </summary>
public static class MissingPrerequisite
{
    /// <summary>Whether every test must run (a skip for a missing prerequisite is a failure).</summary>
    public static bool AllRequired => Environment.GetEnvironmentVariable("WORKFLOWS_REQUIRE_ALL_TESTS") == "1";

    /// <summary>Skips the test for <paramref name="reason"/>, or fails it when every test must run.</summary>
    [DoesNotReturn]
    public static void Skip(string reason)
    {
        if (AllRequired) Assert.Fail($"{reason} (WORKFLOWS_REQUIRE_ALL_TESTS=1: this run must execute every test)");
        Assert.Ignore(reason);
        throw new UnreachableException();
    }
}
