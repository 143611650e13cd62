using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace Workflows.Architecture.Tests;

/// <summary>The runtime's folders depend in one direction only: on their own layer and the layers below.</summary>
public sealed class RuntimeDependencyTests
{
    private static readonly System.Reflection.Assembly Runtime = typeof(WorkflowEngine).Assembly;

    [Test]
    public void No_runtime_type_depends_on_a_folder_above_its_own()
    {
        var folders = FolderOfEachType();
        var architecture = new ArchLoader().LoadAssemblies(Runtime).Build();
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in architecture.Types.Where(t => t.Assembly?.FullName == Runtime.FullName))
        {
            if (Placed(type, folders) is not { } origin) continue;
            var (originLayer, originFolder) = RuntimeLayers.Of(origin);
            foreach (var dependency in type.Dependencies)
            {
                if (dependency.Target.Assembly?.FullName != Runtime.FullName || Placed(dependency.Target, folders) is not { } target) continue;
                var (targetLayer, targetFolder) = RuntimeLayers.Of(target);
                if (targetLayer > originLayer || (targetLayer == originLayer && targetFolder != originFolder))
                    violations.Add($"{SourceName(type)} ({origin}) uses {SourceName(dependency.Target)} ({target})");
            }
        }
        Assert.That(violations, Is.Empty,
            "Runtime folders must depend only on their own layer and those below it (see RuntimeLayers): move the type to where its main users are, or invert the dependency.");
    }

    [Test]
    public void Every_runtime_type_is_placed_in_a_layer()
    {
        var folders = FolderOfEachType();
        var architecture = new ArchLoader().LoadAssemblies(Runtime).Build();
        var unplaced = architecture.Types
            .Where(t => t.Assembly?.FullName == Runtime.FullName && !IsCompilerMade(t) && !folders.ContainsKey(SourceName(t)))
            .Select(t => t.FullName)
            .ToList();
        Assert.That(unplaced, Is.Empty, "These runtime types have no source file the test can find, so their layer is unknown.");
    }

    private static string? Placed(IType type, Dictionary<string, string> folders) =>
        IsCompilerMade(type) ? null : folders.GetValueOrDefault(SourceName(type));

    /// <summary>The type's name as declared in source: the outermost declaring type, without namespace or generic arity.</summary>
    private static string SourceName(IType type)
    {
        var name = type.FullName;
        var ns = type.Namespace.FullName;
        if (ns.Length > 0 && name.StartsWith(ns + ".", StringComparison.Ordinal)) name = name[(ns.Length + 1)..];
        var nested = name.IndexOfAny(['+', '/']);
        if (nested >= 0) name = name[..nested];
        var arity = name.IndexOf('`', StringComparison.Ordinal);
        return arity >= 0 ? name[..arity] : name;
    }

    // Types the compiler or a source generator adds (closures, state machines, embedded attributes).
    private static bool IsCompilerMade(IType type) =>
        type.FullName.Contains('<', StringComparison.Ordinal) || !type.Namespace.FullName.StartsWith("Workflows", StringComparison.Ordinal);

    private static Dictionary<string, string> FolderOfEachType()
    {
        var runtime = Path.Combine("src", "Runtime");
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SourceTree.CSharpFiles(runtime))
        {
            var folder = Path.GetRelativePath(Path.Combine(SourceTree.Root, runtime), Path.GetDirectoryName(file)!).Replace('\\', '/');
            if (folder == ".") folder = "";
            foreach (var name in SourceTree.DeclaredTypeNames(file))
            {
                if (folders.TryGetValue(name, out var other) && other != folder)
                    Assert.Fail($"Type name '{name}' is declared in src/Runtime/{other} and src/Runtime/{folder}: the layer test cannot tell them apart; rename one.");
                folders[name] = folder;
            }
        }
        return folders;
    }
}
