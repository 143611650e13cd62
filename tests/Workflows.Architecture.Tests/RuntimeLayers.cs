namespace Workflows.Architecture.Tests;

/// <summary>
/// The runtime's folders from the bottom up. A folder may use its own layer and the layers below it, never one above;
/// folders that share a layer are peers and may not use each other. Subfolders belong to their folder's layer unless
/// listed themselves.
/// </summary>
internal static class RuntimeLayers
{
    public static IReadOnlyList<string[]> BottomUp { get; } =
    [
        ["Identity"],              // instance, child, operation and message IDs; names
        ["Model"],                 // statuses, errors as data, manifests, fan-out results: plain public vocabulary
        ["Errors"],                // the public exceptions
        ["Options"],               // step, map and start options
        ["Attributes"],            // [Workflow], [Step] and the markers the generator reads
        ["Diagnostics"],           // logging, tracing and metrics names
        ["Serialization"],         // payloads
        ["Storage"],               // the store seam: records, mutations, ICheckpointStore
        ["Storage/InMemory", "Storage/LiteDb"], // the stores, peers
        ["Inspection"],            // reading instances: status, paged listing, history as an operation tree
        ["Versioning"],            // manifest compatibility against a recorded journal
        ["Reruns"],                // reset, fork and retry: a new execution or instance from a recorded journal
        ["Registration"],          // workflow definitions and the generated catalog
        ["Execution"],             // one instance: scheduler, context, operations, driver, journal, inbox, lifecycle
        ["Client"],                // the client facade over an engine
        ["Scheduling"],            // schedules: a built-in workflow, its client and the declared schedules' reconciliation
        ["Engine"],                // the engine: hosts runs, local or shared store, replayer
        [""],                      // the Workflow static API at the root
    ];

    /// <summary>The layer index of <paramref name="folder"/> (relative to src/Runtime, '/'-separated) and its peers' name.</summary>
    public static (int Layer, string Folder) Of(string folder)
    {
        for (var probe = folder; ; probe = Parent(probe))
        {
            for (var layer = 0; layer < BottomUp.Count; layer++)
            {
                if (BottomUp[layer].Contains(probe)) return (layer, probe);
            }
            if (probe.Length == 0) throw new InvalidOperationException($"src/Runtime/{folder} is in no layer: add it to {nameof(RuntimeLayers)}.");
        }
    }

    private static string Parent(string folder) => folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : "";
}
