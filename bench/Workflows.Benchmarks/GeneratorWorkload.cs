using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Workflows.Generator;

namespace Workflows.Benchmarks;

/// <summary>
/// The P5 workload: a project of 500 workflows × 10 step calls (100 files of 5 workflow classes), compiled with and
/// without the generator, and re-run after an unrelated edit to see how much of the pipeline stays cached.
/// </summary>
public static class GeneratorWorkload
{
    public const int Files = 100;
    public const int WorkflowsPerFile = 5;
    public const int StepsPerWorkflow = 10;

    private static readonly string[] TrackedSteps = ["Workflows", "Files", "Registry"];

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithFeatures([new("InterceptorsNamespaces", "Workflows.Generated")]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))]);

    public static CSharpCompilation Compilation() => CSharpCompilation.Create(
        "Generated500",
        Enumerable.Range(0, Files).Select(file => CSharpSyntaxTree.ParseText(Source(file), ParseOptions, $"Workflows{file}.cs")),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new WorkflowGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Compiles to IL; throws when the compilation has errors, so a broken generator cannot look fast.</summary>
    public static void Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException("The P5 workload does not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
    }

    /// <summary>Generator time and whole-compilation time (parse, generate, compile to IL) of one cold build.</summary>
    public static (TimeSpan Generator, TimeSpan Whole, int GeneratedFiles) MeasureBuild()
    {
        var whole = Stopwatch.StartNew();
        var compilation = Compilation();
        var generator = Stopwatch.StartNew();
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        generator.Stop();
        Emit(output);
        whole.Stop();
        return (generator.Elapsed, whole.Elapsed, driver.GetRunResult().GeneratedTrees.Length);
    }

    /// <summary>The percentage of tracked outputs that are Cached or Unchanged after adding an unrelated file.</summary>
    public static double CachedPercentAfterUnrelatedEdit()
    {
        var compilation = Compilation();
        var driver = Driver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Shop; public sealed class Clock { public int Ticks => 42; }", ParseOptions, "Unrelated.cs")));
        var result = driver.GetRunResult().Results[0];
        var reasons = TrackedSteps.SelectMany(name => result.TrackedSteps[name])
            .Concat(result.TrackedOutputSteps.SelectMany(s => s.Value))
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToList();
        return 100.0 * reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged) / reasons.Count;
    }

    private static string Source(int file)
    {
        var text = new StringBuilder();
        text.AppendLine("using System.Threading.Tasks;").AppendLine("using Workflows;").AppendLine($"namespace Shop.Part{file};");
        for (var w = 0; w < WorkflowsPerFile; w++)
        {
            text.AppendLine($"public sealed class Flow{w}").AppendLine("{");
            text.AppendLine($"    [Workflow(Name = \"Flow{file}_{w}\")]").AppendLine("    public async Task<int> Run(int input)").AppendLine("    {");
            text.AppendLine("        var total = input;");
            for (var s = 0; s < StepsPerWorkflow; s++) text.AppendLine($"        total += await Step{s}(total);");
            text.AppendLine("        return total;").AppendLine("    }");
            for (var s = 0; s < StepsPerWorkflow; s++)
                text.AppendLine($"    [Step(MaxAttempts = {s + 1})] private Task<int> Step{s}(int value) => Task.FromResult(value + {s});");
            text.AppendLine("}");
        }
        return text.ToString();
    }
}
