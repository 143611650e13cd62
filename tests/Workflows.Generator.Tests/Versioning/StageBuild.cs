using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Versioning;

/// <summary>
/// A version of workflow code compiled by the generator into an assembly of its own, as a deployment would build it.
/// The generated registry is left out, so loading one version does not add its workflows to the engines of other tests.
/// </summary>
internal static class StageBuild
{
    private static int s_builds;

    /// <summary>Compiles <paramref name="source"/> and returns the definition of workflow <paramref name="workflow"/> of <paramref name="type"/>.</summary>
    public static WorkflowDefinition Compile(string source, string type, string workflow)
    {
        var run = GeneratorRun.Of(source);
        var errors = run.GeneratorDiagnostics.Concat(run.Output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) Assert.Fail("The stage does not compile:\n" + string.Join("\n", errors));
        var registry = run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Workflows.GeneratedWorkflows.g.cs", StringComparison.Ordinal));
        var compilation = run.Output.RemoveSyntaxTrees(registry).WithAssemblyName("Stage" + Interlocked.Increment(ref s_builds));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success) Assert.Fail("The stage does not emit:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var assembly = new AssemblyLoadContext(compilation.AssemblyName).LoadFromStream(image);
        var holder = assembly.GetType($"Workflows.Generated.{type.Replace('.', '_')}_Workflows", throwOnError: true)!;
        return (WorkflowDefinition)holder.GetField(workflow, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }
}
