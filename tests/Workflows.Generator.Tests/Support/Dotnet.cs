using System.Diagnostics;

namespace Workflows.Generator.Tests.Support;

/// <summary>Runs the dotnet CLI and captures what it printed; prepares and cleans what tests run it on.</summary>
public static class Dotnet
{
    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>
    /// Packs <paramref name="project"/> (Release) into <paramref name="feed"/> under <paramref name="version"/>. Test
    /// assemblies run in parallel and more than one packs the library: one pack at a time on this machine, so two
    /// builds never write the same Release output at once.
    /// </summary>
    public static (int ExitCode, string Output) Pack(string project, string feed, string version, TimeSpan timeout)
    {
        var lockPath = Path.Combine(Path.GetTempPath(), $"workflows-tests-pack-{Environment.UserName}.lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var exclusive = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return Run(RepositoryRoot(), timeout, "pack", project, "-c", "Release", "-o", feed, $"-p:MinVerVersionOverride={version}");
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500); // another test assembly is packing
            }
        }
    }

    /// <summary>Points the project in <paramref name="appDirectory"/> at <paramref name="feed"/> as its only package source.</summary>
    public static void UseOnlyLocalSource(string appDirectory, string feed) => File.WriteAllText(Path.Combine(appDirectory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="local" value="{feed}" />
          </packageSources>
        </configuration>
        """);

    /// <summary>Removes a test-only package version from the user's package cache, so it does not pile up there.</summary>
    public static void ForgetPackage(string id, string version)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDeleteDirectory(Path.Combine(packages, id.ToLowerInvariant(), version));
    }

    /// <summary>Deletes a directory a test made, if it can: one left behind in the temp folder is harmless.</summary>
    public static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The repository root, found from this test assembly's location.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflows.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Workflows.sln not found above " + AppContext.BaseDirectory);
    }
}
