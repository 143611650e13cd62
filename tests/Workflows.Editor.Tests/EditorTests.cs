using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Workflows.Generator.Tests.Support;

namespace Workflows.Editor.Tests;

/// <summary>
/// The package as an IDE sees it: a console project referencing the packed Workflows package is opened with Roslyn's
/// MSBuildWorkspace (the SDK's Roslyn version, so the SDK's own analyzers load beside ours), the generator's output
/// binds, the package's analyzers report, and the package's code fix, loaded from the package's analyzer folder,
/// changes the document. Slow (it packs and restores): runs when WORKFLOWS_EDITOR_TESTS=1 or in CI.
/// </summary>
[Category("Editor")]
[NonParallelizable]
public sealed class EditorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private string _directory = null!;
    private string _version = null!;
    private string _project = null!;

    static EditorTests()
    {
        // Before any MSBuild type is loaded: the workspace builds with the SDK this repository uses.
        if (!MSBuildLocator.IsRegistered) MSBuildLocator.RegisterDefaults();
    }

    [OneTimeSetUp]
    public void PackAndRestore()
    {
        var switchedOn = Environment.GetEnvironmentVariable("WORKFLOWS_EDITOR_TESTS") == "1" || Environment.GetEnvironmentVariable("WORKFLOWS_REQUIRE_ALL_TESTS") == "1";
        if (!switchedOn) Assert.Ignore("The editor test packs and restores the package (about a minute): set WORKFLOWS_EDITOR_TESTS=1 to run it; CI always does.");

        _directory = Path.Combine(Path.GetTempPath(), "workflows-editor-test-" + Guid.NewGuid().ToString("N"));
        _version = $"0.0.0-editor.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var feed = Path.Combine(_directory, "feed");
        var app = Path.Combine(_directory, "app");
        Directory.CreateDirectory(app);
        var root = Dotnet.RepositoryRoot();
        var pack = Dotnet.Pack(Path.Combine(root, "src", "Runtime", "Workflows.Runtime.csproj"), feed, _version, Timeout);
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.Output);

        Dotnet.UseOnlyLocalSource(app, feed);
        _project = Path.Combine(app, "Editor.csproj");
        File.WriteAllText(_project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Workflows" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Workflows;

            await using var engine = WorkflowEngine.Open(Path.Combine(AppContext.BaseDirectory, "editor.db"));
            Console.WriteLine(await engine.Client.RunStampAsync("now"));

            public sealed class Clock
            {
                [Workflow]
                public Task<string> Stamp(string label) => Task.FromResult($"{label} {DateTime.UtcNow:O}");
            }
            """);
        var restore = Dotnet.Run(app, Timeout, "restore");
        Assert.That(restore.ExitCode, Is.EqualTo(0), restore.Output);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_directory is null) return;
        Dotnet.TryDeleteDirectory(_directory);
        Dotnet.ForgetPackage("Workflows", _version);
    }

    [Test]
    public async Task The_packaged_analyzers_report_WF1001_beside_the_SDK_analyzers_and_the_generated_client_method_binds()
    {
        using var workspace = CreateWorkspace(out var failures);
        var project = await workspace.OpenProjectAsync(_project);
        var compilation = (await project.GetCompilationAsync())!;
        var analyzers = Analyzers(project, out var loadFailures);

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
        var diagnostics = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAllDiagnosticsAsync();

        Assert.That(failures, Is.Empty, "the workspace loaded the project");
        Assert.That(loadFailures, Is.Empty, "every analyzer assembly loaded, the SDK's and the package's");
        Assert.That(errors, Is.Empty, "engine.Client.RunStampAsync, written by the package's generator, binds");
        Assert.That(analyzers.Select(a => a.GetType().Assembly.GetName().Name), Does.Contain("Workflows.Analyzers").And.Contain("Microsoft.CodeAnalysis.NetAnalyzers"));
        var clock = diagnostics.Where(d => d.Id == "WF1001").ToList();
        Assert.That(clock, Has.Count.EqualTo(1), string.Join("\n", diagnostics));
        Assert.That(clock[0].GetMessage(), Does.Contain("'DateTime.UtcNow'").And.Contain("Workflow.UtcNow"));
        Assert.That(clock[0].Location.SourceTree!.FilePath, Does.EndWith("Program.cs"));
        Assert.That(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()), Is.Empty, "no analyzer threw");
    }

    [Test]
    public async Task The_packaged_code_fix_loaded_from_the_package_replaces_the_clock_read()
    {
        using var workspace = CreateWorkspace(out _);
        var project = await workspace.OpenProjectAsync(_project);
        var analyzers = Analyzers(project, out _);
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostic = (await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync()).Single(d => d.Id == "WF1001");
        var document = project.GetDocument(diagnostic.Location.SourceTree!)!;

        var fixers = PackagedCodeFixes(project).Where(f => f.FixableDiagnosticIds.Contains("WF1001")).ToList();
        Assert.That(fixers, Has.Count.EqualTo(1), "the package's analyzer folder carries the WF1001 fix");
        var actions = new List<CodeAction>();
        await fixers[0].RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.That(actions, Has.Count.EqualTo(1));
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        var text = (await changed.GetTextAsync()).ToString();

        Assert.That(actions[0].Title, Is.EqualTo("Use Workflow.UtcNow"));
        Assert.That(text, Does.Contain("Task.FromResult($\"{label} {Workflow.UtcNow:O}\")"), text);
        var fixedCompilation = (await changed.Project.GetCompilationAsync())!;
        var remaining = await fixedCompilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        Assert.That(remaining.Where(d => d.Id.StartsWith("WF", StringComparison.Ordinal)), Is.Empty);
        Assert.That(fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
    }

    private static MSBuildWorkspace CreateWorkspace(out List<string> failures)
    {
        var workspace = MSBuildWorkspace.Create();
        var collected = new List<string>();
        workspace.RegisterWorkspaceFailedHandler(e => { if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure) collected.Add(e.Diagnostic.Message); });
        failures = collected;
        return workspace;
    }

    private static ImmutableArray<DiagnosticAnalyzer> Analyzers(Project project, out List<string> loadFailures)
    {
        var failures = new List<string>();
        foreach (var reference in project.AnalyzerReferences.OfType<AnalyzerFileReference>())
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{reference.FullPath}: {e.Message}");
        var analyzers = project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        loadFailures = failures;
        return analyzers;
    }

    /// <summary>The code fixes in the Workflows package's analyzer folder, found and created as an IDE does.</summary>
    private IEnumerable<CodeFixProvider> PackagedCodeFixes(Project project)
    {
        var packaged = project.AnalyzerReferences.OfType<AnalyzerFileReference>()
            .Where(r => r.FullPath.Replace('\\', '/').Contains($"/workflows/{_version}/analyzers/", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(packaged.Select(r => Path.GetFileName(r.FullPath)), Does.Contain("Workflows.Analyzers.CodeFixes.dll"));
        return packaged.Select(r => r.GetAssembly()).SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);
    }
}
