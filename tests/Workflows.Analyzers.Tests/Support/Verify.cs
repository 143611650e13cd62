using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Workflows.Analyzers.Tests.Support;

/// <summary>Runs an analyzer (and a fixer) on markup sources: <c>{|WF1001:DateTime.UtcNow|}</c> marks an expected diagnostic.</summary>
public static class Verify<TAnalyzer> where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);

    public static async Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        await AnalyzerAsync([source], withRuntime: true, expected);

    public static async Task AnalyzerAsync(string[] sources, bool withRuntime, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestReferences.None, MarkupOptions = MarkupOptions.UseFirstDescriptor };
        foreach (var source in sources) test.TestState.Sources.Add(source);
        Configure(test.TestState, withRuntime);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static async Task FixAsync<TFixer>(string source, string fixedSource, int iterations = 1, bool withRuntime = true) where TFixer : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFixer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.None,
            TestCode = source,
            FixedCode = fixedSource,
            NumberOfFixAllIterations = iterations,
            MarkupOptions = MarkupOptions.UseFirstDescriptor,
        };
        if (iterations == 0) test.NumberOfIncrementalIterations = 0;
        Configure(test.TestState, withRuntime);
        Configure(test.FixedState, withRuntime);
        await test.RunAsync();
    }

    private static void Configure(SolutionState state, bool withRuntime)
    {
        state.AdditionalReferences.AddRange(TestReferences.Framework);
        if (withRuntime) state.AdditionalReferences.AddRange([TestReferences.Runtime, TestReferences.Logging]);
    }
}
