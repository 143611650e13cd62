using System.Linq;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Emitting;

/// <summary>
/// Writes one interceptor per durable call: outside a workflow it calls the method as written; inside one it hands
/// the call to the runtime under the operation's static name, so it gets an operation ID and a checkpoint.
/// </summary>
internal static class Interceptors
{
    private const string Token = "__token";
    private const string Self = "__self";

    public static void Write(CodeWriter writer, string className, EquatableArray<CallSiteModel> callSites, MethodCalls calls)
    {
        writer.Line(GeneratedCode.Attribute);
        writer.Open($"file static class {className}");
        var options = callSites.Where(c => c.Kind == CallSiteKind.Step)
            .Select(c => (c.Target.Signature, c.StepOptions))
            .Distinct()
            .Select((o, i) => (o.Signature, o.StepOptions, Field: $"s_options{i + 1}"))
            .ToList();
        foreach (var option in options.Where(o => o.StepOptions.Count > 0))
        {
            writer.Line($"private static readonly global::Workflows.StepOptions {option.Field} = new() {{ {string.Join(", ", option.StepOptions)} }};");
        }
        if (options.Any(o => o.StepOptions.Count > 0)) writer.Line();

        for (var i = 0; i < callSites.Count; i++)
        {
            if (i > 0) writer.Line();
            var site = callSites[i];
            var field = options.FirstOrDefault(o => o.Signature == site.Target.Signature && o.StepOptions == site.StepOptions);
            WriteInterceptor(writer, site, i + 1, field.StepOptions.Count > 0 ? field.Field : "global::Workflows.StepOptions.Default", calls);
        }
        writer.Close();
    }

    private static void WriteInterceptor(CodeWriter writer, CallSiteModel site, int index, string options, MethodCalls calls)
    {
        if (site.Kind == CallSiteKind.Race)
        {
            WriteRace(writer, site, index);
            return;
        }
        var method = site.Target;
        var parameters = method.Parameters.Select((p, i) => (i == 0 && method.IsExtension ? "this " : "") + $"{p.Type} {p.Name}").ToList();
        if (!method.IsStatic) parameters.Insert(0, $"this {method.ContainingType} {Self}");
        var direct = calls.Call(method, Self, FileEmitter.Arguments(method.Parameters, token: null));

        var operation = site.Kind == CallSiteKind.Step ? "step" : "child workflow";
        writer.Line($"// {site.DisplayLocation}: {operation} {GeneratedCode.Literal(site.DurableName)}, operation \"{{scope}}/{site.DurableName}#{{n}}\"");
        writer.Line(site.InterceptsLocation);
        writer.Open($"public static {method.ReturnType} {site.Kind}_{Identifiers.Sanitize(method.Name)}_{index}({string.Join(", ", parameters)})");
        writer.Line($"if (global::Workflows.Workflow.CallsDirectly({GeneratedCode.Literal(site.DurableName)})) return {direct};");
        writer.Line("return " + Durable(site, options, calls) + ";");
        writer.Close();
    }

    // The runtime's WhenAny takes an array: the pair and params forms pass their tasks, a sequence or span is copied once.
    private static void WriteRace(CodeWriter writer, CallSiteModel site, int index)
    {
        var method = site.Target;
        var parameters = method.Parameters.Select(p => $"{p.Type} {p.Name}");
        var arguments = method.Parameters.Count == 1 ? Tasks(method.Parameters[0]) : string.Join(", ", method.Parameters.Select(p => p.Name));
        writer.Line($"// {site.DisplayLocation}: Task.WhenAny, decided by the runtime: event waits that lose step back behind newer waits of their name");
        writer.Line(site.InterceptsLocation);
        writer.Line($"public static {method.ReturnType} Race_WhenAny_{index}({string.Join(", ", parameters)}) => global::Workflows.Workflow.WhenAny({arguments});");
    }

    private static string Tasks(ParameterModel tasks) =>
        tasks.Type.StartsWith("global::System.ReadOnlySpan<", System.StringComparison.Ordinal) ? $"{tasks.Name}.ToArray()"
        : tasks.Type.EndsWith("[]", System.StringComparison.Ordinal) ? tasks.Name
        : $"global::System.Linq.Enumerable.ToArray({tasks.Name})";

    private static string Durable(CallSiteModel site, string options, MethodCalls calls)
    {
        var method = site.Target;
        var name = GeneratedCode.Literal(site.DurableName);
        var result = method.ResultType is null ? "" : $"<{method.ResultType}>";
        var asTask = method.Shape is AsyncShape.ValueTask or AsyncShape.ValueTaskOfT ? ".AsTask()" : "";
        if (site.Kind == CallSiteKind.Workflow)
        {
            // A child workflow: its own instance, built from its registered definition; only the input travels.
            var input = WorkflowDefinitions.InputValue(method, site.TargetType, site.DurableName, parameter => parameter);
            var child = $"global::Workflows.Workflow.RunChildWorkflowAsync<{WorkflowDefinitions.InputType(method, site.TargetType, site.DurableName)}, {method.ResultType ?? "object?"}>({name}, {input})";
            return method.Shape is AsyncShape.ValueTask or AsyncShape.ValueTaskOfT ? $"new {method.ReturnType}({child})" : child;
        }
        var task = $"global::Workflows.Workflow.RunStepAsync{result}({name}, {options}, {Token} => {calls.Call(method, Self, FileEmitter.Arguments(method.Parameters, Token))}{asTask})";
        return asTask.Length == 0 ? task : $"new {method.ReturnType}({task})";
    }
}
