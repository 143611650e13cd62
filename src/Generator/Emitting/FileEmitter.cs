using System.Collections.Generic;
using System.Linq;
using Workflows.Generator.Model;

namespace Workflows.Generator.Emitting;

/// <summary>
/// Writes one type's generated file: definitions of its workflows (with manifests), interceptors for the durable
/// calls written in it, the accessors they need, and the typed client methods.
/// </summary>
internal static class FileEmitter
{
    public static string HolderType(TypeKey type) => "global::Workflows.Generated." + HolderName(type);

    public static string DefinitionField(WorkflowModel workflow) => Identifiers.Sanitize(workflow.DurableName);

    public static string Emit(GeneratedFileModel file)
    {
        var prefix = Identifiers.Sanitize(file.Type.HintName);
        var calls = new MethodCalls(prefix + "_Accessors");
        var body = new CodeWriter();
        if (file.Workflows.Count > 0) WorkflowDefinitions.Write(body, file.Type, HolderName(file.Type), file.Workflows, calls);
        if (file.CallSites.Count > 0)
        {
            if (file.Workflows.Count > 0) body.Line();
            Interceptors.Write(body, prefix + "_Interceptors", file.CallSites, calls);
        }

        var writer = GeneratedCode.Header();
        writer.Open("namespace Workflows.Generated");
        foreach (var line in body.ToString().TrimEnd('\n').Split('\n')) writer.Line(line);
        if (calls.HasAccessors)
        {
            writer.Line();
            calls.WriteAccessors(writer);
        }
        writer.Close();

        if (file.CallSites.Count > 0)
        {
            writer.Line();
            writer.Open("namespace System.Runtime.CompilerServices");
            writer.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
            writer.Open("file sealed class InterceptsLocationAttribute : global::System.Attribute");
            writer.Line("public InterceptsLocationAttribute(int version, string data) { }");
            writer.Close();
            writer.Close();
        }

        if (file.Workflows.Count > 0)
        {
            writer.Line();
            TypedClient.Write(writer, file.Type, HolderType(file.Type), file.Workflows);
        }
        return writer.ToString();
    }

    private static string HolderName(TypeKey type) => Identifiers.Sanitize(type.HintName) + "_Workflows";

    /// <summary>The arguments a call passes: cancellation tokens replaced by <paramref name="token"/> when given.</summary>
    public static IEnumerable<string> Arguments(IEnumerable<ParameterModel> parameters, string? token) =>
        parameters.Select(p => p.IsCancellationToken && token is not null ? token : p.Name);
}
