using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workflows.Benchmarks;

/// <summary>The P5 workload under BenchmarkDotNet: a cold generator run, a whole build, and an incremental re-run.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _edited = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = GeneratorWorkload.Compilation();
        _warmDriver = GeneratorWorkload.Driver().RunGenerators(_compilation);
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public sealed class Unrelated { }"));
    }

    [Benchmark(Description = "generator, cold, 500 workflows x 10 steps")]
    public GeneratorDriver ColdGenerator() => GeneratorWorkload.Driver().RunGenerators(_compilation);

    [Benchmark(Description = "compile without generator")]
    public void CompileOnly() => GeneratorWorkload.Emit(GeneratorWorkload.Compilation());

    [Benchmark(Description = "generator, after an unrelated edit")]
    public GeneratorDriver IncrementalGenerator() => _warmDriver.RunGenerators(_edited);
}
