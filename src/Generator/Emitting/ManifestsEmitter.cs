using System.Linq;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Emitting;

/// <summary>
/// Writes <c>Workflows.GeneratedManifests</c>: the durable calls of every workflow of the assembly in the format of
/// the shipped-manifests file, which <c>workflows ship</c> reads from the built assembly on release.
/// </summary>
internal static class ManifestsEmitter
{
    public static string Emit(EquatableArray<ShippedLines> workflows)
    {
        var writer = GeneratedCode.Header();
        writer.Open("namespace Workflows");
        writer.Line($"/// <summary>The durable calls of this assembly's workflows, as <c>{Shared.ShippedManifestContract.FileName}</c> records them.</summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open("internal static class GeneratedManifests");
        writer.Line("/// <summary>One line per durable call, workflows by name, calls in order (read by <c>workflows ship</c>).</summary>");
        writer.Line($"public const string Shipped = {GeneratedCode.Literal(string.Concat(workflows.Where(w => w.Lines.Length > 0).Select(w => w.Lines + "\n")))};");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
