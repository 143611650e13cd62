using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Package;

/// <summary>The real user path: pack the library, reference the package from a new console app, build it warning-free, run a workflow.</summary>
[Category("Package")]
public sealed class PackageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private string _directory = null!;
    private string _version = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "workflows-package-test", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        // A fresh version per run, so the package cache never serves a stale build.
        _version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    }

    [TearDown]
    public void Clean()
    {
        TryDelete(_directory);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(packages, "workflows", _version));
    }

    [Test]
    public void A_console_app_with_one_package_reference_builds_without_warnings_and_runs_a_durable_workflow()
    {
        var feed = Path.Combine(_directory, "feed");
        var app = Path.Combine(_directory, "app");
        Directory.CreateDirectory(app);
        var root = Dotnet.RepositoryRoot();

        var pack = Dotnet.Run(root, Timeout, "pack", Path.Combine(root, "src", "Runtime", "Workflows.Runtime.csproj"),
            "-c", "Release", "-o", feed, $"-p:PackageVersion={_version}");
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.Output);

        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Workflows" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Workflows;

            await using var engine = WorkflowEngine.Open(Path.Combine(AppContext.BaseDirectory, "app.db"));
            var total = await engine.Client.RunTotalAsync(new Basket(["tea", "cake"]), instanceId: "basket-1");
            var journal = Greeting.Seen;
            Console.WriteLine($"total={total} steps={string.Join(",", journal)}");

            public sealed record Basket(string[] Items);

            public sealed class Greeting
            {
                public static List<string> Seen { get; } = [];

                [Workflow]
                public async Task<int> Total(Basket basket)
                {
                    var sum = 0;
                    foreach (var item in basket.Items) sum += await Price(item);
                    return sum;
                }

                [Step]
                private static Task<int> Price(string item)
                {
                    Seen.Add(Workflow.Step.OperationId);
                    return Task.FromResult(item.Length);
                }
            }
            """);

        var build = Dotnet.Run(app, Timeout, "build", "-c", "Release");
        Assert.That(build.ExitCode, Is.EqualTo(0), build.Output);
        Assert.That(build.Output, Does.Contain("0 Warning(s)"), build.Output);

        var run = Dotnet.Run(app, Timeout, "run", "-c", "Release", "--no-build");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Contain("total=7 steps=/Price#1,/Price#2"), "the step calls were intercepted and journaled");

        // The analyzers come with the same reference.
        File.WriteAllText(Path.Combine(app, "Clock.cs"), """
            using Workflows;

            public sealed class Clock
            {
                [Workflow]
                public Task<DateTime> Now() => Task.FromResult(DateTime.UtcNow);
            }
            """);
        var flagged = Dotnet.Run(app, Timeout, "build", "-c", "Release");
        Assert.That(flagged.ExitCode, Is.Not.EqualTo(0), "WF1001 is a warning, and this project treats warnings as errors");
        Assert.That(flagged.Output, Does.Contain("WF1001").And.Contain("use Workflow.UtcNow"));
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
