using Microsoft.CodeAnalysis;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Versioning;

/// <summary>
/// The compile-time check agrees with what the three stages of the in-place change do at run time: each stage built
/// against the manifests the stage before it shipped.
/// </summary>
public sealed class ShippedStagesTests
{
    [Test]
    public void The_patched_stage_passes_against_the_original_and_the_unguarded_change_does_not()
    {
        var original = ShippedManifestsOf(CheckoutStages.Original);

        Assert.That(ShippedCheck(CheckoutStages.Patched, original), Is.Empty);
        var unguarded = ShippedCheck(CheckoutStages.Unguarded, original);
        Assert.That(unguarded.Select(d => d.Id), Is.EqualTo(new[] { "WF3007" }));
        Assert.That(unguarded[0].GetMessage(), Does.Contain("shipped with 'Step Charge#1 -> string'").And.Contain("makes 'Step Screen#1 -> string'"));
    }

    [Test]
    public void The_deprecated_stage_passes_against_the_patched_one_but_not_against_the_original()
    {
        Assert.That(ShippedCheck(CheckoutStages.Deprecated, ShippedManifestsOf(CheckoutStages.Patched)), Is.Empty);
        Assert.That(ShippedCheck(CheckoutStages.Deprecated, ShippedManifestsOf(CheckoutStages.Original)).Select(d => d.Id), Is.EqualTo(new[] { "WF3007" }),
            "deprecating a patch that never shipped would stop the original's instances");
    }

    private static string ShippedManifestsOf(string source)
    {
        var manifests = GeneratorRun.Of(source).Sources["Workflows.GeneratedManifests.g.cs"];
        var literal = manifests[(manifests.IndexOf("Shipped = ", StringComparison.Ordinal) + "Shipped = ".Length)..];
        return literal[..(literal.IndexOf("\";", StringComparison.Ordinal) + 1)].Trim('"').Replace("\\n", "\n", StringComparison.Ordinal);
    }

    private static List<Diagnostic> ShippedCheck(string source, string shipped) =>
        [.. GeneratorRun.Of([("Workflows.cs", source)], OutputKind.DynamicallyLinkedLibrary, [("/app/workflows.shipped.txt", shipped)]).GeneratorDiagnostics];
}
