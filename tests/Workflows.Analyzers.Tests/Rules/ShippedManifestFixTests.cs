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
/// WF3007 comes from the generator, comparing the code with workflows.shipped.txt: its two fixes are checked the way
/// an editor applies them, running the generator again on the fixed project.
/// </summary>
public sealed class ShippedManifestFixTests
{
    private const string Shipped = """
        # Shipped durable calls of each workflow.
        Order: Step Reserve#1 -> string
        Order: Step Charge#1 -> string
        Refund: Step Return#1 -> string
        """;

    private static string Source(string body) => $$"""
        using System.Threading.Tasks;
        using Workflows;

        namespace Shop;

        public sealed class Checkout
        {
            [Workflow]
            public async Task<string> Order(string id)
            {
                {{body}}
            }

            [Workflow]
            public async Task<string> Refund(string id) => await Return(id);

            [Step] public Task<string> Reserve(string id) => Task.FromResult(id);
            [Step] public Task<string> Screen(string id) => Task.FromResult(id);
            [Step] public Task<string> Charge(string id) => Task.FromResult(id);
            [Step] public Task<string> Pay(string id) => Task.FromResult(id);
            [Step] public Task<string> Return(string id) => Task.FromResult(id);
        }
        """;

    [Test]
    public async Task Recording_as_shipped_rewrites_the_workflows_lines_in_place_and_the_check_passes()
    {
        var document = CreateDocument(Source("""
                    var reserved = await Reserve(id);
                    var screened = await Screen(id);
                    return reserved + screened + await Charge(id);
            """));

        var fixedDocument = await ApplyAsync(document, await ChangedCallAsync(document), new ShippedManifestFixer());

        Assert.That(await ChangedCallAsync(fixedDocument), Is.Null);
        var file = await fixedDocument.Project.AdditionalDocuments.Single().GetTextAsync();
        Assert.That(file.ToString(), Is.EqualTo("""
            # Shipped durable calls of each workflow.
            Order: Step Reserve#1 -> string
            Order: Step Screen#1 -> string
            Order: Step Charge#1 -> string
            Refund: Step Return#1 -> string

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task Guarding_an_inserted_call_declares_its_local_before_the_check_and_the_check_passes()
    {
        var document = CreateDocument(Source("""
                    var reserved = await Reserve(id);
                    var screened = await Screen(id);
                    return reserved + screened + await Charge(id);
            """));

        var fixedDocument = await ApplyAsync(document, await ChangedCallAsync(document), new PatchGuardFixer());

        Assert.That(await ChangedCallAsync(fixedDocument), Is.Null, "instances without the patch make the shipped calls");
        var text = (await fixedDocument.GetTextAsync()).ToString();
        Assert.That(text, Does.Contain("        string screened;\n        if (Workflow.Patched(\"order-screen\"))").Or.Contain("        string screened;\r\n        if (Workflow.Patched(\"order-screen\"))"));
        Assert.That(text, Does.Contain("if (Workflow.Patched(\"order-screen\"))"));
        Assert.That(text, Does.Contain("screened = await Screen(id);"));
        Assert.That(text, Does.Contain("// Instances without the patch did not make this call: give 'screened' the value they use."));
        var compilation = await fixedDocument.Project.GetCompilationAsync();
        Assert.That(compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the fixed code compiles");
    }

    [Test]
    public async Task Guarding_a_replaced_call_names_the_shipped_call_for_the_else_branch()
    {
        var document = CreateDocument(Source("""
                    var reserved = await Reserve(id);
                    await Pay(id);
                    return reserved;
            """));

        var fixedDocument = await ApplyAsync(document, await ChangedCallAsync(document), new PatchGuardFixer());

        var text = (await fixedDocument.GetTextAsync()).ToString();
        Assert.That(text, Does.Contain("if (Workflow.Patched(\"order-pay\"))"));
        Assert.That(text, Does.Contain("// Instances without the patch made 'Step Charge#1 -> string' here: write the call the shipped version made."));
        Assert.That((await ChangedCallAsync(fixedDocument))?.GetMessage(), Does.Contain("for instances without patch 'order-pay'"),
            "until the shipped call is written back, the old instances still miss it");
    }

    private static async Task<Diagnostic?> ChangedCallAsync(Document document)
    {
        var compilation = (CSharpCompilation)(await document.Project.GetCompilationAsync())!;
        var additional = document.Project.AdditionalDocuments.Select(d => (AdditionalText)new DocumentText(d)).ToList();
        CSharpGeneratorDriver.Create([new WorkflowGenerator().AsSourceGenerator()], additional, (CSharpParseOptions)document.Project.ParseOptions!)
            .RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics.FirstOrDefault(d => d.Id == ShippedManifestFixer.ShippedCallChanged);
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic? diagnostic, CodeFixProvider fixer)
    {
        Assert.That(diagnostic, Is.Not.Null, "the change is reported");
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic!, (action, _) => actions.Add(action), CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context);
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
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest).WithFeatures([new("InterceptorsNamespaces", "Workflows.Generated")]),
            metadataReferences: [.. TestReferences.Framework, TestReferences.Runtime, TestReferences.Logging]));
        var document = workspace.AddDocument(project.Id, "Shop.cs", SourceText.From(source));
        var withFile = document.Project.AddAdditionalDocument(ShippedManifestFixer.FileName, SourceText.From(Shipped), filePath: "/src/" + ShippedManifestFixer.FileName);
        return withFile.Project.GetDocument(document.Id)!;
    }

    private sealed class DocumentText(TextDocument document) : AdditionalText
    {
        public override string Path => document.FilePath ?? document.Name;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => document.GetTextAsync(cancellationToken).Result;
    }
}
