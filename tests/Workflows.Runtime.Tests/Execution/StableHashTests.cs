namespace Workflows.Runtime.Tests.Execution;

/// <summary>
/// Workflow.StableHash is part of the durable contract: a workflow that shards by it must decide the same way after
/// an upgrade, so its values are pinned here (32-bit FNV-1a over UTF-16 code units, little-endian bytes).
/// </summary>
public sealed class StableHashTests
{
    [TestCase("", -2128831035)]
    [TestCase("a", 723832900)]
    [TestCase("order-17", -81812008)]
    [TestCase("Größe 😀", -2108646113)]
    public void Hashes_are_pinned(string value, int expected) => Assert.That(Workflow.StableHash(value), Is.EqualTo(expected));

    [Test]
    public void Equal_strings_hash_equally_and_case_matters()
    {
        Assert.That(Workflow.StableHash(new string('x', 3)), Is.EqualTo(Workflow.StableHash("xxx")));
        Assert.That(Workflow.StableHash("Order"), Is.Not.EqualTo(Workflow.StableHash("order")));
    }

    [Test]
    public void Null_is_refused_by_name() =>
        Assert.That(() => Workflow.StableHash(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
}
