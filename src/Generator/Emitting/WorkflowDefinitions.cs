using System.Collections.Generic;
using System.Linq;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Emitting;

/// <summary>Writes the WorkflowDefinition of each workflow of a type, with its factory, invoker and manifest.</summary>
internal static class WorkflowDefinitions
{
    private const string CancellationToken = "global::Workflows.Workflow.CancellationToken";

    public static void Write(CodeWriter writer, TypeKey type, string holderName, EquatableArray<WorkflowModel> workflows, MethodCalls calls)
    {
        writer.Line($"/// <summary>Durable definitions of the workflows declared in <see cref=\"{type.FullName}\"/>.</summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Open($"internal static class {holderName}");
        var first = true;
        foreach (var workflow in workflows)
        {
            if (!first) writer.Line();
            first = false;
            WriteDefinition(writer, workflow, calls);
        }
        if (workflows.Any(w => w.Method.ResultType is null))
        {
            writer.Line();
            writer.Line("// Workflows without a result store null.");
            writer.Open("private static async global::System.Threading.Tasks.Task<object?> Completed(global::System.Threading.Tasks.Task workflow)");
            writer.Line("await workflow.ConfigureAwait(true);");
            writer.Line("return null;");
            writer.Close();
        }
        writer.Close();

        foreach (var workflow in workflows.Where(w => Inputs(w).Count > 1))
        {
            writer.Line();
            var fields = Inputs(workflow).Select(p => $"{p.Type} {p.Name}");
            writer.Line($"/// <summary>The stored input of workflow {GeneratedCode.Literal(workflow.DurableName)}: its parameters.</summary>");
            writer.Line($"internal sealed record {InputRecord(workflow)}({string.Join(", ", fields)});");
        }
    }

    /// <summary>The parameters that make up the stored input (cancellation tokens come from the runtime).</summary>
    public static List<ParameterModel> Inputs(WorkflowModel workflow) => Inputs(workflow.Method);

    public static List<ParameterModel> Inputs(MethodModel method) => method.Parameters.Where(p => !p.IsCancellationToken).ToList();

    /// <summary>The type the input is stored as: nothing, the single parameter, or a record of all parameters.</summary>
    public static string InputType(WorkflowModel workflow) => InputType(workflow.Method, workflow.Type, workflow.DurableName);

    public static string InputType(MethodModel method, TypeKey type, string durableName) => Inputs(method) switch
    {
        { Count: 0 } => "object?",
        { Count: 1 } inputs => inputs[0].Type,
        _ => "global::Workflows.Generated." + InputRecord(type, durableName),
    };

    /// <summary>The expression that builds the stored input from the parameters, named as <paramref name="name"/> says.</summary>
    public static string InputValue(MethodModel method, TypeKey type, string durableName, System.Func<string, string> name) => Inputs(method) switch
    {
        { Count: 0 } => "null",
        { Count: 1 } inputs => name(inputs[0].Name),
        var inputs => $"new {InputType(method, type, durableName)}({string.Join(", ", inputs.Select(i => name(i.Name)))})",
    };

    public static string OutputType(WorkflowModel workflow) => workflow.Method.ResultType ?? "object?";

    public static string InputRecord(WorkflowModel workflow) => InputRecord(workflow.Type, workflow.DurableName);

    public static string InputRecord(TypeKey type, string durableName) =>
        Identifiers.Sanitize(type.HintName) + "_" + Identifiers.Sanitize(durableName) + "_Input";

    private static void WriteDefinition(CodeWriter writer, WorkflowModel workflow, MethodCalls calls)
    {
        var method = workflow.Method;
        var inputs = Inputs(workflow);
        var arguments = method.Parameters.Select(p => p.IsCancellationToken ? CancellationToken
            : inputs.Count == 1 ? "input"
            : $"input.{p.Name}");
        var call = calls.Call(method, "workflow", arguments);
        var invoke = method.Shape switch
        {
            AsyncShape.TaskOfT => call,
            AsyncShape.ValueTaskOfT => call + ".AsTask()",
            AsyncShape.ValueTask => $"Completed({call}.AsTask())",
            _ => $"Completed({call})",
        };
        var typeArguments = (workflow.Factory is null ? "" : workflow.Type.FullName + ", ") + InputType(workflow) + ", " + OutputType(workflow);

        writer.Line($"/// <summary>Workflow {GeneratedCode.Literal(workflow.DurableName)}: <c>{workflow.TypeName}.{method.Name}</c>.</summary>");
        writer.Line($"public static readonly global::Workflows.WorkflowDefinition {FileEmitter.DefinitionField(workflow)} = global::Workflows.WorkflowDefinition.Create<{typeArguments}>(");
        writer.Line($"    {GeneratedCode.Literal(workflow.DurableName)},");
        if (workflow.Factory is { } factory)
        {
            writer.Line($"    static services => {Factory(workflow, factory)},");
            writer.Line($"    static (workflow, input) => {invoke},");
        }
        else
        {
            writer.Line($"    static input => {invoke},");
        }
        var timeouts = Timeouts(workflow);
        var hasHandlers = workflow.Queries.Count > 0 || workflow.Signals.Count > 0 || workflow.Updates.Count > 0;
        // The call to Create ends the statement, unless settings of the definition follow it.
        var close = workflow.Schedules.Count == 0 && workflow.MaxRecoveryAttempts is null ? ");" : ")";
        var end = !hasHandlers && timeouts.Count == 0 ? close : ",";
        if (workflow.Manifest.Count == 0)
        {
            writer.Line("    new global::Workflows.WorkflowManifest(global::System.Array.Empty<global::Workflows.WorkflowCallSite>())" + end);
        }
        else
        {
            writer.Line("    new global::Workflows.WorkflowManifest(new global::Workflows.WorkflowCallSite[]");
            writer.Line("    {");
            foreach (var site in workflow.Manifest)
                writer.Line($"        new({GeneratedCode.Literal(site.Kind)}, {GeneratedCode.Literal(site.Name)}, {site.Ordinal}){(site.Guard is null ? "" : $" {{ Guard = {GeneratedCode.Literal(site.Guard)} }}")},");
            writer.Line("    })" + end);
        }
        if (hasHandlers) WriteHandlers(writer, workflow, calls, timeouts.Count == 0 ? close : null);
        for (var i = 0; i < timeouts.Count; i++) writer.Line("    " + timeouts[i] + (i == timeouts.Count - 1 ? close : ","));
        if (workflow.MaxRecoveryAttempts is { } recoveries)
            writer.Line($"    .WithMaxRecoveryAttempts({recoveries.ToString(System.Globalization.CultureInfo.InvariantCulture)}){(workflow.Schedules.Count == 0 ? ";" : "")}");
        if (workflow.Schedules.Count > 0) WriteSchedules(writer, workflow);
    }

    private static void WriteSchedules(CodeWriter writer, WorkflowModel workflow)
    {
        writer.Line("    .WithSchedules(");
        for (var i = 0; i < workflow.Schedules.Count; i++)
        {
            var schedule = workflow.Schedules[i];
            var arguments = schedule.CronExpression is { } cron ? GeneratedCode.Literal(cron) : "";
            var assignments = schedule.Assignments.Count == 0 ? "" : " { " + string.Join(", ", schedule.Assignments) + " }";
            writer.Line($"        new global::Workflows.ScheduleAttribute({arguments}){assignments}{(i == workflow.Schedules.Count - 1 ? ");" : ",")}");
        }
    }

    private static List<string> Timeouts(WorkflowModel workflow)
    {
        var timeouts = new List<string>();
        if (workflow.ExecutionTimeoutSeconds is { } execution)
            timeouts.Add($"executionTimeout: global::System.TimeSpan.FromSeconds({execution.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        if (workflow.RunTimeoutSeconds is { } run)
            timeouts.Add($"runTimeout: global::System.TimeSpan.FromSeconds({run.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        return timeouts;
    }

    // closes: how the last array ends the call to Create; null when more arguments follow.
    private static void WriteHandlers(CodeWriter writer, WorkflowModel workflow, MethodCalls calls, string? closes)
    {
        var type = workflow.Type.FullName;
        var queries = workflow.Queries.Select(q => $"global::Workflows.WorkflowQuery.Create<{type}, {q.Method.ReturnType}>({Handler(q, calls)}),").ToList();
        var signals = workflow.Signals.Select(s => $"global::Workflows.WorkflowSignal.Create<{type}>({Handler(s, calls)}),").ToList();
        var updates = workflow.Updates.Select(u => Update(type, u, calls)).ToList();
        WriteArray(writer, "queries", "WorkflowQuery", queries, signals.Count == 0 && updates.Count == 0 ? closes : null);
        WriteArray(writer, "signals", "WorkflowSignal", signals, updates.Count == 0 ? closes : null);
        WriteArray(writer, "updates", "WorkflowUpdate", updates, closes);
    }

    private static string Update(string type, UpdateModel update, MethodCalls calls)
    {
        var method = update.Method;
        var arguments = method.Parameters.Select((p, i) => $"({p.Type})args[{i}]!").ToList();
        var call = calls.Call(method, "workflow", arguments);
        if (method.Shape is AsyncShape.ValueTask or AsyncShape.ValueTaskOfT) call += ".AsTask()";
        var validator = update.Validator is { } v ? $"static (workflow, args) => {calls.Call(v, "workflow", arguments)}" : "null";
        var types = string.Concat(method.Parameters.Select(p => $", typeof({p.Type})"));
        var typeArguments = method.ResultType is { } result ? $"{type}, {result}" : type;
        return $"global::Workflows.WorkflowUpdate.Create<{typeArguments}>({GeneratedCode.Literal(update.Name)}, static (workflow, args) => {call}, {validator}{types}),";
    }

    private static void WriteArray(CodeWriter writer, string parameter, string type, List<string> items, string? closes)
    {
        if (items.Count == 0) return;
        writer.Line($"    {parameter}: new global::Workflows.{type}[]");
        writer.Line("    {");
        foreach (var item in items) writer.Line("        " + item);
        writer.Line("    }" + (closes ?? ","));
    }

    // The handler's name, a lambda calling it with its arguments unboxed, and its parameter types.
    private static string Handler(HandlerModel handler, MethodCalls calls)
    {
        var method = handler.Method;
        var arguments = method.Parameters.Select((p, i) => $"({p.Type})args[{i}]!");
        var types = string.Concat(method.Parameters.Select(p => $", typeof({p.Type})"));
        return $"{GeneratedCode.Literal(handler.Name)}, static (workflow, args) => {calls.Call(method, "workflow", arguments)}{types}";
    }

    private static string Factory(WorkflowModel workflow, FactoryModel factory)
    {
        var typeName = workflow.Type.FullName.Replace("global::", "");
        var arguments = factory.ConstructorParameterTypes.Select(t => $"global::Workflows.WorkflowServices.Require<{t}>(services, {GeneratedCode.Literal(typeName)})");
        return $"services?.GetService(typeof({workflow.Type.FullName})) as {workflow.Type.FullName} ?? new {workflow.Type.FullName}({string.Join(", ", arguments)})";
    }
}
