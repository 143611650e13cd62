using System.Reflection;
using System.Runtime.CompilerServices;

namespace Workflows.Cli.Inspection;

/// <summary>
/// Loads a user's assembly so its generated workflows register themselves: the assembly's module initializer adds
/// them to the catalog. Its references resolve beside it; Workflows.Runtime is the tool's own, so the catalog is shared.
/// </summary>
internal static class WorkflowAssemblies
{
    public static Assembly Load(FileInfo path)
    {
        if (!path.Exists) throw new CliException(ExitCodes.CannotReplay, $"No assembly at '{path.FullName}'. Build the project first and pass the .dll from its output folder.");
        try
        {
            var assembly = Assembly.LoadFrom(path.FullName);
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            return assembly;
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or TypeInitializationException or TypeLoadException)
        {
            throw new CliException(ExitCodes.CannotReplay,
                $"Could not load '{path.FullName}': {ex.Message} Pass the application's built .dll (its dependencies must be in the same folder).", ex);
        }
    }
}
