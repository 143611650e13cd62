using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workflows.Generator.Diagnostics;
using Workflows.Generator.Emitting;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;
using Workflows.Generator.Parsing;
using Workflows.Generator.Shipping;

namespace Workflows.Generator;

/// <summary>
/// Makes [Workflow] methods durable: intercepts their step and child-workflow calls, registers every workflow,
/// and generates typed client methods and per-workflow manifests.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class WorkflowGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var workflows = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.WorkflowAttribute, static (node, _) => node is MethodDeclarationSyntax, WorkflowParser.Parse)
            .WithTrackingName(WorkflowGeneratorStepNames.Workflows);

        var updates = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.UpdateAttribute, static (node, _) => node is MethodDeclarationSyntax, WorkflowParser.ParseUpdate)
            .WithTrackingName(WorkflowGeneratorStepNames.Updates);

        var stepDiagnostics = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.StepAttribute, static (node, _) => node is MethodDeclarationSyntax, static (context, token) => new StepDiagnostics(StepParser.Parse(context, token)))
            .WithTrackingName(WorkflowGeneratorStepNames.StepDiagnostics);

        context.RegisterSourceOutput(workflows.SelectMany(static (w, _) => w.Diagnostics), Report);
        context.RegisterSourceOutput(stepDiagnostics.SelectMany(static (d, _) => d.Diagnostics), Report);
        context.RegisterSourceOutput(updates.SelectMany(static (u, _) => u.Diagnostics), Report);

        var files = workflows.Collect().Combine(updates.Collect())
            .SelectMany(static (all, _) => GroupByFile(all.Left.AddRange(all.Right)))
            .WithTrackingName(WorkflowGeneratorStepNames.Files);
        context.RegisterSourceOutput(files, static (output, file) => output.AddSource(file.Type.HintName + ".g.cs", FileEmitter.Emit(file)));

        // The workflows that can be registered, one by one and all together: several outputs read them.
        var registered = workflows.Where(static w => w.Workflow is not null).Select(static (w, _) => w.Workflow!);
        var allRegistered = registered.Collect();

        var registry = registered
            .Select(static (w, _) => new RegistryEntry(FileEmitter.HolderType(w.Type), FileEmitter.DefinitionField(w)))
            .Collect()
            .Select(static (entries, _) => new RegistryModel(entries.OrderBy(e => e.HolderType, System.StringComparer.Ordinal).ThenBy(e => e.Field, System.StringComparer.Ordinal).ToEquatableArray()))
            .WithTrackingName(WorkflowGeneratorStepNames.Registry);
        context.RegisterSourceOutput(registry, static (output, model) => output.AddSource("Workflows.GeneratedWorkflows.g.cs", RegistryEmitter.Emit(model)));

        var duplicates = allRegistered
            .SelectMany(static (all, _) => DuplicateNames(all))
            .WithTrackingName(WorkflowGeneratorStepNames.DuplicateNames);
        context.RegisterSourceOutput(duplicates, Report);

        var manifests = registered
            .Select(static (w, _) => new ShippedLines(w.DurableName, ShippedManifestCheck.Render(w)))
            .Collect()
            .Select(static (all, _) => all.OrderBy(l => l.Workflow, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(WorkflowGeneratorStepNames.Manifests);
        context.RegisterSourceOutput(manifests, static (output, lines) => output.AddSource("Workflows.GeneratedManifests.g.cs", ManifestsEmitter.Emit(lines)));

        var shipped = context.AdditionalTextsProvider
            .Where(ShippedManifestFile.IsShippedFile)
            .Select(ShippedManifestFile.Parse)
            .WithTrackingName(WorkflowGeneratorStepNames.ShippedFile);
        context.RegisterSourceOutput(shipped.SelectMany(static (file, _) => file.Problems), Report);
        var shippedChecks = allRegistered
            .Combine(shipped.Collect())
            .SelectMany(static (all, _) => ShippedChecks(all.Left, all.Right))
            .WithTrackingName(WorkflowGeneratorStepNames.ShippedChecks);
        context.RegisterSourceOutput(shippedChecks, Report);
    }

    /// <summary>Each shipped workflow against its current code: changed calls, or the workflow gone.</summary>
    private static IEnumerable<DiagnosticInfo> ShippedChecks(ImmutableArray<WorkflowModel> workflows, ImmutableArray<ShippedFileModel> files)
    {
        var byName = workflows.GroupBy(w => w.DurableName, System.StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), System.StringComparer.Ordinal);
        foreach (var shipped in files.SelectMany(f => f.Workflows))
        {
            if (!byName.TryGetValue(shipped.Name, out var current))
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.ShippedWorkflowGone, shipped.Location, shipped.Name);
                continue;
            }
            if (ShippedManifestCheck.Check(current, shipped) is { } changed) yield return changed;
        }
    }

    private static void Report(SourceProductionContext output, DiagnosticInfo diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic());

    /// <summary>One file per type: the workflows it declares and the interceptors of the durable calls written in it.</summary>
    private static IEnumerable<GeneratedFileModel> GroupByFile(ImmutableArray<WorkflowParseResult> results)
    {
        var workflows = results.Where(r => r.Workflow is not null).Select(r => r.Workflow!).ToList();
        var callSites = results.SelectMany(r => r.CallSites)
            .GroupBy(c => c.InterceptsLocation, System.StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        var workflowsByType = workflows.ToLookup(w => w.Type);
        var callSitesByType = callSites.ToLookup(c => c.FileType);
        var types = workflows.Select(w => w.Type).Concat(callSites.Select(c => c.FileType)).Distinct()
            .OrderBy(t => t.HintName, System.StringComparer.Ordinal);
        foreach (var type in types)
        {
            yield return new GeneratedFileModel(
                type,
                workflowsByType[type].OrderBy(w => w.Method.Name, System.StringComparer.Ordinal).ThenBy(w => w.DurableName, System.StringComparer.Ordinal).ToEquatableArray(),
                callSitesByType[type].OrderBy(c => c.FilePath, System.StringComparer.Ordinal).ThenBy(c => c.Position).ToEquatableArray());
        }
    }

    private static IEnumerable<DiagnosticInfo> DuplicateNames(ImmutableArray<WorkflowModel> workflows)
    {
        foreach (var group in workflows.GroupBy(w => w.DurableName, System.StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateWorkflowName, other.Declaration, other.DurableName,
                    $"{first.Type.FullName.Replace("global::", "")}.{first.Method.Name}");
            }
        }
    }
}
