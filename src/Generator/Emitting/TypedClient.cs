using System.Collections.Generic;
using System.Linq;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Emitting;

/// <summary>
/// Writes Start{Workflow}Async / Run{Workflow}Async extension methods on IWorkflowClient, one pair per workflow,
/// Start{Workflow}Async on Workflow.Children (an independent child started from workflow code), and
/// Query{Name}Async / Signal{Name}Async / Update{Name}Async per query, signal and update of the class, and
/// Update{Name}WithStart{Workflow}Async per update and workflow.
/// </summary>
internal static class TypedClient
{
    private static readonly string[] s_fixedParameters = ["client", "children", "instanceId", "options", "cancellationToken", "handle", "updateId"];

    public static void Write(CodeWriter writer, TypeKey type, string holderType, EquatableArray<WorkflowModel> workflows)
    {
        var first = workflows[0];
        var nested = first.Namespace.Length == 0 ? type.HintName : type.HintName.Substring(first.Namespace.Length + 1);
        var className = Identifiers.Sanitize(nested) + "Client";
        var accessibility = workflows.Any(w => w.IsPublic) ? "public" : "internal";

        if (first.Namespace.Length > 0) writer.Open($"namespace {first.Namespace}");
        writer.Line($"/// <summary>Typed client methods for the workflows of <see cref=\"{type.FullName}\"/>.</summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open($"{accessibility} static partial class {className}");
        var separator = false;
        foreach (var workflow in workflows)
        {
            if (separator) writer.Line();
            separator = true;
            WriteMethods(writer, holderType, workflow);
        }
        // Every instance workflow of the class carries the class's queries: their client methods are written once.
        foreach (var query in workflows.Select(w => w.Queries).FirstOrDefault(q => q.Count > 0))
        {
            writer.Line();
            WriteHandler(writer, query, "Query", $"QueryAsync<{query.Method.ReturnType}>", $"global::System.Threading.Tasks.Task<{query.Method.ReturnType}>",
                $"Runs query {GeneratedCode.Literal(query.Name)} on the instance and returns its answer (see <see cref=\"global::Workflows.IWorkflowClient.QueryAsync{{TResult}}\"/>).");
        }
        foreach (var update in workflows.Select(w => w.Updates).FirstOrDefault(u => u.Count > 0))
        {
            writer.Line();
            WriteUpdate(writer, update);
        }
        foreach (var workflow in workflows)
        {
            foreach (var update in workflow.Updates)
            {
                writer.Line();
                WriteUpdateWithStart(writer, holderType, workflow, update);
            }
        }
        foreach (var signal in workflows.Select(w => w.Signals).FirstOrDefault(s => s.Count > 0))
        {
            writer.Line();
            WriteHandler(writer, signal, "Signal", "SignalAsync", "global::System.Threading.Tasks.Task",
                $"Sends signal {GeneratedCode.Literal(signal.Name)} to the instance and returns once it is durably stored (see <see cref=\"global::Workflows.IWorkflowClient.SignalAsync\"/>).");
        }
        writer.Close();
        if (first.Namespace.Length > 0) writer.Close();
    }

    private static void WriteMethods(CodeWriter writer, string holderType, WorkflowModel workflow)
    {
        var accessibility = workflow.IsPublic ? "public" : "internal";
        var inputs = WorkflowDefinitions.Inputs(workflow).Select(p => (p.Type, Name: Unclash(p.Name))).ToList();
        var output = WorkflowDefinitions.OutputType(workflow);
        var input = WorkflowDefinitions.InputValue(workflow.Method, workflow.Type, workflow.DurableName, Unclash);
        var parameters = new List<string> { "this global::Workflows.IWorkflowClient client" };
        parameters.AddRange(inputs.Select(i => $"{i.Type} {i.Name}"));
        parameters.Add("string? instanceId = null");
        parameters.Add("global::Workflows.StartWorkflowOptions? options = null");
        parameters.Add("global::System.Threading.CancellationToken cancellationToken = default");
        var signature = string.Join(", ", parameters);
        var forward = string.Join(", ", inputs.Select(i => i.Name).Concat(["instanceId", "options", "cancellationToken"]));
        var name = Identifiers.Sanitize(workflow.Method.Name);
        var quoted = GeneratedCode.Literal(workflow.DurableName);

        writer.Line($"/// <summary>Starts workflow {quoted} and returns once the instance is durably recorded; it then runs to completion, across restarts.</summary>");
        writer.Open($"{accessibility} static global::System.Threading.Tasks.Task<global::Workflows.WorkflowHandle<{output}>> Start{name}Async({signature})");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(client);");
        writer.Line($"return client.StartAsync<{WorkflowDefinitions.InputType(workflow)}, {output}>({holderType}.{FileEmitter.DefinitionField(workflow)}.Name, {input}, global::Workflows.StartWorkflowOptions.For(instanceId, options), cancellationToken);");
        writer.Close();
        writer.Line();
        var returns = TaskOf(workflow.Method.ResultType);
        writer.Line($"/// <summary>Starts workflow {quoted} and waits for its result.</summary>");
        writer.Open($"{accessibility} static async {returns} Run{name}Async({signature})");
        writer.Line($"var handle = await Start{name}Async(client, {forward}).ConfigureAwait(false);");
        writer.Line((workflow.Method.ResultType is null ? "" : "return ") + "await handle.GetResultAsync(cancellationToken).ConfigureAwait(false);");
        writer.Close();
        writer.Line();
        WriteChildStart(writer, holderType, workflow, inputs, input, name, quoted);
    }

    // Marked as a durable call so the analyzers treat it as one (a dropped start is WF1012).
    private static void WriteChildStart(CodeWriter writer, string holderType, WorkflowModel workflow, List<(string Type, string Name)> inputs, string input, string name, string quoted)
    {
        var parameters = new List<string> { "this global::Workflows.ChildWorkflows children" };
        parameters.AddRange(inputs.Select(i => $"{i.Type} {i.Name}"));
        parameters.Add("[global::Workflows.ChildInstanceId] string? instanceId = null");
        writer.Line($"/// <summary>From workflow code: starts workflow {quoted} as an independent child and returns once it durably exists (see <see cref=\"global::Workflows.Workflow.StartChildWorkflowAsync{{TInput}}\"/>).</summary>");
        writer.Line($"[global::Workflows.DurableCall(\"Workflow\", {quoted})]");
        writer.Open($"{(workflow.IsPublic ? "public" : "internal")} static global::System.Threading.Tasks.Task<global::Workflows.ChildWorkflowHandle> Start{name}Async({string.Join(", ", parameters)})");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(children);");
        writer.Line($"return global::Workflows.Workflow.StartChildWorkflowAsync<{WorkflowDefinitions.InputType(workflow)}>({holderType}.{FileEmitter.DefinitionField(workflow)}.Name, {input}, instanceId);");
        writer.Close();
    }

    private static void WriteHandler(CodeWriter writer, HandlerModel handler, string prefix, string clientMethod, string returns, string summary)
    {
        var accessibility = handler.IsPublic ? "public" : "internal";
        var inputs = handler.Method.Parameters.Select(p => (p.Type, Name: Unclash(p.Name))).ToList();
        var parameters = new List<string> { "this global::Workflows.IWorkflowClient client", "string instanceId" };
        parameters.AddRange(inputs.Select(i => $"{i.Type} {i.Name}"));
        parameters.Add("global::System.Threading.CancellationToken cancellationToken = default");
        var args = ArgumentArray(inputs.Select(i => i.Name));
        writer.Line($"/// <summary>{summary}</summary>");
        writer.Open($"{accessibility} static {returns} {prefix}{Identifiers.Sanitize(handler.Method.Name)}Async({string.Join(", ", parameters)})");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(client);");
        writer.Line($"return client.{clientMethod}(instanceId, {GeneratedCode.Literal(handler.Name)}, {args}, cancellationToken);");
        writer.Close();
    }

    private static void WriteUpdate(CodeWriter writer, UpdateModel update)
    {
        var accessibility = update.IsPublic ? "public" : "internal";
        var inputs = update.Method.Parameters.Select(p => (p.Type, Name: Unclash(p.Name))).ToList();
        var parameters = new List<string> { "this global::Workflows.IWorkflowClient client", "string instanceId" };
        parameters.AddRange(inputs.Select(i => $"{i.Type} {i.Name}"));
        parameters.Add("string? updateId = null");
        parameters.Add("global::System.Threading.CancellationToken cancellationToken = default");
        var args = ArgumentArray(inputs.Select(i => i.Name));
        var result = update.Method.ResultType;
        var returns = TaskOf(result);
        writer.Line($"/// <summary>Sends update {GeneratedCode.Literal(update.Name)} to the instance and waits for its result (see <see cref=\"global::Workflows.IWorkflowClient.UpdateAsync{{TResult}}\"/>).</summary>");
        writer.Open($"{accessibility} static {returns} Update{Identifiers.Sanitize(update.Method.Name)}Async({string.Join(", ", parameters)})");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(client);");
        writer.Line($"return client.UpdateAsync<{result ?? "object?"}>(instanceId, {GeneratedCode.Literal(update.Name)}, {args}, updateId, cancellationToken);");
        writer.Close();
    }

    private static void WriteUpdateWithStart(CodeWriter writer, string holderType, WorkflowModel workflow, UpdateModel update)
    {
        var accessibility = workflow.IsPublic && update.IsPublic ? "public" : "internal";
        var inputs = WorkflowDefinitions.Inputs(workflow).Select(p => (p.Type, Name: Unclash(p.Name))).ToList();
        // An update argument named like a workflow input gets a suffix of its own.
        var arguments = update.Method.Parameters
            .Select(p => (p.Type, Name: Unclash(p.Name)))
            .Select(a => inputs.Any(i => i.Name == a.Name) ? (a.Type, Name: a.Name.TrimStart('@') + "Update") : a)
            .ToList();
        var parameters = new List<string> { "this global::Workflows.IWorkflowClient client", "string instanceId" };
        parameters.AddRange(inputs.Concat(arguments).Select(p => $"{p.Type} {p.Name}"));
        parameters.Add("global::Workflows.StartWorkflowOptions? options = null");
        parameters.Add("string? updateId = null");
        parameters.Add("global::System.Threading.CancellationToken cancellationToken = default");
        var input = WorkflowDefinitions.InputValue(workflow.Method, workflow.Type, workflow.DurableName, Unclash);
        var args = ArgumentArray(arguments.Select(a => a.Name));
        var result = update.Method.ResultType;
        var returns = TaskOf(result);
        writer.Line($"/// <summary>Starts workflow {GeneratedCode.Literal(workflow.DurableName)} with update {GeneratedCode.Literal(update.Name)} in the same commit, or attaches to the instance as <paramref name=\"options\"/> allow, and waits for the update's result (see <see cref=\"global::Workflows.IWorkflowClient.UpdateWithStartAsync{{TInput, TResult}}\"/>).</summary>");
        writer.Open($"{accessibility} static {returns} Update{Identifiers.Sanitize(update.Method.Name)}WithStart{Identifiers.Sanitize(workflow.Method.Name)}Async({string.Join(", ", parameters)})");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(client);");
        writer.Line($"return client.UpdateWithStartAsync<{WorkflowDefinitions.InputType(workflow)}, {result ?? "object?"}>({holderType}.{FileEmitter.DefinitionField(workflow)}.Name, {input}, {GeneratedCode.Literal(update.Name)}, {args}, global::Workflows.StartWorkflowOptions.For(instanceId, options), updateId, cancellationToken);");
        writer.Close();
    }

    // The handler's arguments as the object?[] the client takes.
    private static string ArgumentArray(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "global::System.Array.Empty<object?>()" : $"new object?[] {{ {string.Join(", ", list)} }}";
    }

    private static string TaskOf(string? result) => result is null ? "global::System.Threading.Tasks.Task" : $"global::System.Threading.Tasks.Task<{result}>";

    // A workflow parameter named like one of the client method's own parameters gets a suffix.
    private static string Unclash(string name) => s_fixedParameters.Contains(name.TrimStart('@')) ? name.TrimStart('@') + "Input" : name;
}
