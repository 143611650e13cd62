using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Workflows.Analyzers.Tests.Support;

/// <summary>Compiles sources against the runtime and returns what the analyzers (and any analyzer crash) report.</summary>
public static class Compilations
{
    public static Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, params string[] sources) =>
        AnalyzeAsync([analyzer], sources);

    public static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer[] analyzers, params string[] sources)
    {
        var compilation = CSharpCompilation.Create("Analyzed",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), $"File{i}.cs")),
            [.. TestReferences.Framework, TestReferences.Runtime, TestReferences.Logging],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var withAnalyzers = compilation.WithAnalyzers([.. analyzers], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var analyzerDiagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        return [.. analyzerDiagnostics.Where(d => d.Id.StartsWith("WF", StringComparison.Ordinal) || d.Id == "AD0001")];
    }
}
