using Workflows.Generator.Model;

namespace Workflows.Generator.Emitting;

/// <summary>
/// Writes <c>Workflows.GeneratedWorkflows</c>: the assembly's workflow list, registered with the runtime's catalog by a
/// module initializer, so an engine runs them without registration code and without reflection.
/// </summary>
internal static class RegistryEmitter
{
    public static string Emit(RegistryModel model)
    {
        var writer = GeneratedCode.Header();
        writer.Open("namespace Workflows");
        writer.Line("/// <summary>The workflows of this assembly, found at compile time.</summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open("internal static class GeneratedWorkflows");
        writer.Line("/// <summary>Every workflow of this assembly.</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<global::Workflows.WorkflowDefinition> All { get; } = new global::Workflows.WorkflowDefinition[]");
        writer.Line("{");
        foreach (var entry in model.Entries) writer.Line($"    {entry.HolderType}.{entry.Field},");
        writer.Line("};");
        writer.Line();
        writer.Line("/// <summary>Adds every workflow of this assembly to <paramref name=\"registry\"/>, for engines that do not include generated workflows.</summary>");
        writer.Open("public static global::Workflows.WorkflowRegistry AddTo(global::Workflows.WorkflowRegistry registry)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(registry);");
        writer.Line("foreach (var definition in All) registry.Add(definition);");
        writer.Line("return registry;");
        writer.Close();
        writer.Line();
        writer.Line("#pragma warning disable CA2255 // registering generated workflows when the assembly loads is the point");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Line("internal static void Register() => global::Workflows.WorkflowCatalog.Register(All);");
        writer.Line("#pragma warning restore CA2255");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
