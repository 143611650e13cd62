using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workflows.Generator.Tests.Support;

/// <summary>Compiles sources against the runtime and the framework, runs the generator on them, and keeps the driver for re-runs.</summary>
public sealed class GeneratorRun
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithFeatures([new("InterceptorsNamespaces", "Workflows.Generated")]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))]);

    private GeneratorDriver _driver;

    private GeneratorRun(CSharpCompilation input, GeneratorDriver driver)
    {
        Input = input;
        _driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        Output = output;
        GeneratorDiagnostics = diagnostics;
    }

    public CSharpCompilation Input { get; private set; }

    public Compilation Output { get; private set; }

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; private set; }

    public GeneratorRunResult Result => _driver.GetRunResult().Results[0];

    /// <summary>Generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources => Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    public static GeneratorRun Of(params (string Path, string Source)[] files) => Of(files, OutputKind.DynamicallyLinkedLibrary);

    public static GeneratorRun Of(IEnumerable<(string Path, string Source)> files, OutputKind kind) => Of(files, kind, []);

    /// <summary>Runs the generator with <paramref name="additionalFiles"/> as the project's additional files.</summary>
    public static GeneratorRun Of(IEnumerable<(string Path, string Source)> files, OutputKind kind, IEnumerable<(string Path, string Text)> additionalFiles)
    {
        var compilation = CSharpCompilation.Create(
            "Scenario",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path)),
            s_references.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(
            [new WorkflowGenerator().AsSourceGenerator()],
            additionalTexts: [.. additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return new GeneratorRun(compilation, driver);
    }

    public static GeneratorRun Of(string source) => Of(("Workflows.cs", source));

    /// <summary>Replaces one file's text and runs the generator again on the same driver, as an IDE edit would.</summary>
    public void Edit(string path, string source)
    {
        var old = Input.SyntaxTrees.Single(t => t.FilePath == path);
        Rerun(Input.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, ParseOptions, path)));
    }

    /// <summary>Adds a file and runs the generator again.</summary>
    public void Add(string path, string source) => Rerun(Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, ParseOptions, path)));

    /// <summary>Warnings and errors of the compilation with the generated sources.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems() =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    /// <summary>Replaces the additional files and runs the generator again, as an edit of the shipped-manifests file would.</summary>
    public void SetAdditionalFiles(params (string Path, string Text)[] files)
    {
        _driver = _driver.ReplaceAdditionalTexts([.. files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))]);
        Rerun(Input);
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }

    private void Rerun(CSharpCompilation input)
    {
        Input = input;
        _driver = _driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        Output = output;
        GeneratorDiagnostics = diagnostics;
    }
}
