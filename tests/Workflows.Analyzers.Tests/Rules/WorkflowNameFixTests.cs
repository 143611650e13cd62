using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Workflows.Analyzers.CodeFixes;
using Workflows.Analyzers.Tests.Support;
using Workflows.Generator;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>
/// WF3005 comes from the generator, so the fix is checked the way an editor applies it: run the generator, take its
/// diagnostic, apply the fix to the document, and run the generator again until no name is shared.
/// </summary>
public sealed class WorkflowNameFixTests
{
    [Test]
    public async Task Each_workflow_sharing_a_name_is_named_after_its_class_and_method_keeping_other_arguments()
    {
        var source = """
            using System.Threading.Tasks;
            using Workflows;

            namespace Shop;

            public sealed class Orders { [Workflow] public Task<int> Process(int order) => Task.FromResult(order); }
            public sealed class Refunds { [Workflow(ExecutionTimeoutSeconds = 60)] public Task<int> Process(int refund) => Task.FromResult(refund); }
            public sealed class Returns { [Workflow(Name = "Process")] public Task<int> Handle(int item) => Task.FromResult(item); }
            """;

        var document = CreateDocument(source);
        for (var round = 0; round < 3 && await DuplicateNameAsync(document) is { } diagnostic; round++)
            document = await ApplyFixAsync(document, diagnostic);

        Assert.That(await DuplicateNameAsync(document), Is.Null);
        var text = (await document.GetTextAsync()).ToString();
        Assert.That(text, Does.Contain("public sealed class Orders { [Workflow] public Task<int> Process"));
        Assert.That(text, Does.Contain("[Workflow(Name = \"Refunds.Process\", ExecutionTimeoutSeconds = 60)]"));
        Assert.That(text, Does.Contain("[Workflow(Name = \"Returns.Handle\")]"));
    }

    private static async Task<Diagnostic?> DuplicateNameAsync(Document document)
    {
        var compilation = (CSharpCompilation)(await document.Project.GetCompilationAsync())!;
        CSharpGeneratorDriver.Create(new WorkflowGenerator()).WithUpdatedParseOptions((CSharpParseOptions)document.Project.ParseOptions!)
            .RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics.FirstOrDefault(d => d.Id == WorkflowNameFixer.DuplicateWorkflowName);
    }

    private static async Task<Document> ApplyFixAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new WorkflowNameFixer().RegisterCodeFixesAsync(context);
        Assert.That(actions, Has.Count.EqualTo(1), $"one fix for {diagnostic}");
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return solution.GetDocument(document.Id)!;
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Shop", "Shop", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: [.. TestReferences.Framework, TestReferences.Runtime, TestReferences.Logging]));
        return workspace.AddDocument(project.Id, "Shop.cs", SourceText.From(source));
    }
}
