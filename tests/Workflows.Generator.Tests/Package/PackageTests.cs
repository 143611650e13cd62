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
        _directory = Path.Combine(Path.GetTempPath(), "workflows-package-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        // A fresh version per run, so the package cache never serves a stale build.
        _version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    }

    [TearDown]
    public void Clean()
    {
        Dotnet.TryDeleteDirectory(_directory);
        Dotnet.ForgetPackage("Workflows", _version);
        Dotnet.ForgetPackage("Workflows.Hosting", _version);
    }

    /// <summary>Packs the projects under src/ into a local feed and points a new app directory at it.</summary>
    private string PrepareApp(params string[] projects)
    {
        var feed = Path.Combine(_directory, "feed");
        var app = Path.Combine(_directory, "app");
        Directory.CreateDirectory(app);
        var root = Dotnet.RepositoryRoot();
        foreach (var project in projects)
        {
            var pack = Dotnet.Pack(Path.Combine(root, "src", project), feed, _version, Timeout);
            Assert.That(pack.ExitCode, Is.EqualTo(0), pack.Output);
        }
        foreach (var package in Directory.GetFiles(feed, "*.nupkg")) AssertMetadata(package);
        Dotnet.UseOnlyLocalSource(app, feed);
        return app;
    }

    // What a package must carry to be adopted: its license, readme, icon and where its source lives.
    private static void AssertMetadata(string package)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(e => e.FullName).ToList();
        Assert.That(entries, Does.Contain("LICENSE").And.Contain("README.md").And.Contain("icon.png"), package);
        var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        var text = reader.ReadToEnd();
        Assert.That(text, Does.Contain("<license type=\"expression\">MIT</license>").And.Contain("<repository type=\"git\" url=\"https://github.com/workflows-dotnet/workflows\"")
            .And.Contain("<authors>The Workflows contributors</authors>"), package);
    }

    [Test]
    public void A_console_app_with_one_package_reference_builds_without_warnings_and_runs_a_durable_workflow()
    {
        var app = PrepareApp(Path.Combine("Runtime", "Workflows.Runtime.csproj"));
        WriteProject(app, $"""<PackageReference Include="Workflows" Version="{_version}" />""");
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

    [Test]
    public void A_worker_with_only_the_hosting_package_gets_the_generator_and_runs_a_workflow_through_AddWorkflows()
    {
        var app = PrepareApp(Path.Combine("Runtime", "Workflows.Runtime.csproj"), Path.Combine("Hosting", "Workflows.Hosting.csproj"));
        WriteProject(app, $"""
                <PackageReference Include="Workflows.Hosting" Version="{_version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.0" />
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using Workflows;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddSingleton(new Greeter("Hello"));
            builder.Services.AddWorkflows(o => o.UseLiteDb(Path.Combine(AppContext.BaseDirectory, "worker.db")));
            using var host = builder.Build();
            await host.StartAsync();
            var greeting = await host.Services.GetRequiredService<IWorkflowClient>().RunGreetAsync("ada", instanceId: "greet-1");
            Console.WriteLine($"greeting={greeting}");
            await host.StopAsync();

            public sealed record Greeter(string Word);

            public sealed class Greetings(Greeter greeter)
            {
                [Workflow]
                public async Task<string> Greet(string name) => await Compose(name);

                [Step]
                private Task<string> Compose(string name) => Task.FromResult($"{greeter.Word} {name} ({Workflow.Step.OperationId})");
            }
            """);

        var build = Dotnet.Run(app, Timeout, "build", "-c", "Release");
        Assert.That(build.ExitCode, Is.EqualTo(0), build.Output);
        Assert.That(build.Output, Does.Contain("0 Warning(s)"), build.Output);
        var run = Dotnet.Run(app, Timeout, "run", "-c", "Release", "--no-build");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Contain("greeting=Hello ada (/Compose#1)"), "generated, intercepted, and built from the container");
    }

    /// <summary>A console app that treats warnings as errors, with <paramref name="references"/> as its package references.</summary>
    private static void WriteProject(string app, string references) => File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            {references}
          </ItemGroup>
        </Project>
        """);
}
