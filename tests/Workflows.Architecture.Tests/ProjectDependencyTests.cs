using System.Xml.Linq;

namespace Workflows.Architecture.Tests;

/// <summary>The src projects reference each other in one direction: the runtime at the bottom, its add-ons above it.</summary>
public sealed class ProjectDependencyTests
{
    // Each src project and the src projects it may reference. The runtime references the generator and analyzers only
    // to pack them (ReferenceOutputAssembly="false"): it never uses their code.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Generator/Workflows.Generator.csproj"] = [],
        ["Analyzers/Workflows.Analyzers.csproj"] = [],
        ["Analyzers.CodeFixes/Workflows.Analyzers.CodeFixes.csproj"] = ["Analyzers/Workflows.Analyzers.csproj"],
        ["Runtime/Workflows.Runtime.csproj"] = ["Generator/Workflows.Generator.csproj", "Analyzers/Workflows.Analyzers.csproj", "Analyzers.CodeFixes/Workflows.Analyzers.CodeFixes.csproj"],
        ["Hosting/Workflows.Hosting.csproj"] = ["Runtime/Workflows.Runtime.csproj"],
        ["PostgreSql/Workflows.PostgreSql.csproj"] = ["Runtime/Workflows.Runtime.csproj"],
        ["Dashboard/Workflows.Dashboard.csproj"] = ["Runtime/Workflows.Runtime.csproj"],
        ["Cli/Workflows.Cli.csproj"] = ["Runtime/Workflows.Runtime.csproj", "PostgreSql/Workflows.PostgreSql.csproj", "Dashboard/Workflows.Dashboard.csproj"],
        ["Testing/Workflows.Testing.csproj"] = ["Runtime/Workflows.Runtime.csproj"],
    };

    private static string Src => Path.Combine(SourceTree.Root, "src");

    [Test]
    public void Every_src_project_is_known_to_this_test()
    {
        var projects = Directory.EnumerateFiles(Src, "*.csproj", SearchOption.AllDirectories).Select(Relative).ToList();
        Assert.That(projects, Is.EquivalentTo(Allowed.Keys), "A src project was added or removed: say which src projects it may reference in ProjectDependencyTests.Allowed.");
    }

    [Test]
    public void Src_projects_reference_only_the_projects_below_them()
    {
        var violations = new List<string>();
        foreach (var (project, allowed) in Allowed)
        {
            var path = Path.Combine(Src, project);
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!))
            {
                var target = Relative(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference)));
                if (!allowed.Contains(target)) violations.Add($"{project} references {target}");
            }
        }
        Assert.That(violations, Is.Empty, "A src project references a project it must not: the runtime is the bottom, Hosting, PostgreSql, Dashboard and Testing build on it, never on each other; the CLI tool sits on top.");
    }

    [Test]
    public void The_runtime_compiles_against_no_other_workflows_assembly()
    {
        var references = typeof(WorkflowEngine).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Workflows", StringComparison.Ordinal))
            .ToList();
        Assert.That(references, Is.Empty);
    }

    private static string Relative(string path) => Path.GetRelativePath(Src, path).Replace('\\', '/');
}
