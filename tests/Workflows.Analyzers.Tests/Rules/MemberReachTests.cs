using Verifier = Workflows.Analyzers.Tests.Support.Verify<Workflows.Analyzers.WorkflowCode.WorkflowCodeAnalyzer>;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>
/// Nondeterminism behind a property, indexer, operator, conversion, constructor or initializer that workflow code
/// runs is reported where it is, with the chain that reaches it; the same members used only outside workflow code
/// are not.
/// </summary>
public sealed class MemberReachTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Workflows;

        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("property getter", "new Clock().Now.Ticks",
            "public sealed class Clock { public DateTime Now => {|#0:DateTime.UtcNow|}; }", "Clock.Now");
        yield return Case("property getter with a body", "new Clock().Now.Ticks",
            "public sealed class Clock { public DateTime Now { get { return {|#0:DateTime.UtcNow|}; } } }", "Clock.Now");
        yield return Case("property setter", "Set()",
            "public sealed class Clock { private long _at; public long At { get => _at; set => _at = value + {|#0:DateTime.UtcNow|}.Ticks; } }",
            "Set() → Clock.At", extra: "private static long Set() { var clock = new Clock(); clock.At = 1; return 1; }");
        yield return Case("indexer", "new Table()[1]",
            "public sealed class Table { public long this[int i] => i + {|#0:Environment.TickCount64|}; }", "Table[]");
        yield return Case("operator", "(new Money(1) + new Money(2)).Cents",
            "public readonly record struct Money(long Cents) { public static Money operator +(Money a, Money b) => new(a.Cents + b.Cents + {|#0:Random.Shared|}.Next()); }",
            "Money.operator +");
        yield return Case("conversion", "(long)new Money(1)",
            "public readonly record struct Money(long Cents) { public static explicit operator long(Money m) => m.Cents + {|#0:Guid.NewGuid()|}.GetHashCode(); }",
            "Money.explicit operator long");
        yield return Case("constructor", "new Stamp().Ticks",
            "public sealed class Stamp { public Stamp() { Ticks = {|#0:DateTime.UtcNow|}.Ticks; } public long Ticks { get; } }", "new Stamp()");
        yield return Case("instance field initializer", "new Stamp().Ticks",
            "public sealed class Stamp { public readonly long Ticks = {|#0:DateTime.UtcNow|}.Ticks; }", "initializer of Stamp.Ticks");
        yield return Case("instance property initializer", "new Stamp().Ticks",
            "public sealed class Stamp { public long Ticks { get; } = {|#0:DateTime.UtcNow|}.Ticks; }", "initializer of Stamp.Ticks");
        yield return Case("static constructor", "Settings.Seed",
            "public static class Settings { public static readonly long Seed; static Settings() { Seed = {|#0:DateTime.UtcNow|}.Ticks; } }", "static initializer of Settings");
        yield return Case("static field initializer", "Settings.Seed",
            "public static class Settings { public static readonly long Seed = {|#0:DateTime.UtcNow|}.Ticks; }", "static initializer of Settings");
        yield return Case("static method of a type with a static initializer", "Settings.Read()",
            "public static class Settings { private static readonly long Seed = {|#0:Environment.TickCount64|}; public static long Read() => Seed; }",
            "static initializer of Settings");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Is_reported_with_the_chain(string expression, string types, string chain, string extra)
    {
        await Verifier.AnalyzerAsync(Usings + types + $$"""

            public sealed class Orders
            {
                [Workflow]
                public Task<long> Run() => Task.FromResult<long>({{expression}});
                {{extra}}
            }
            """, Verifier.Diagnostic(IdOf(types)).WithLocation(0).WithMessage(null));
        var message = await MessageAsync(expression, types, extra);
        Assert.That(message, Does.EndWith($"(reached from workflow 'Run' via {chain})"));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Is_not_reported_when_only_a_step_or_plain_code_uses_it(string expression, string types, string chain, string extra)
    {
        await Verifier.AnalyzerAsync(Usings + Strip(types) + $$"""

            public sealed class Orders
            {
                [Workflow]
                public async Task<long> Run() => await Read();

                [Step]
                private Task<long> Read() => Task.FromResult<long>({{expression}});

                public long Plain() => {{expression}};
                {{extra}}
            }
            """);
    }

    [Test]
    public async Task A_helper_two_calls_deep_reaching_a_property_names_every_link()
    {
        var message = await MessageAsync("Outer()", "public sealed class Clock { public DateTime Now => {|#0:DateTime.UtcNow|}; }",
            "private static long Outer() => Inner(); private static long Inner() => new Clock().Now.Ticks;");
        Assert.That(message, Does.EndWith("(reached from workflow 'Run' via Outer() → Inner() → Clock.Now)"));
    }

    private static async Task<string> MessageAsync(string expression, string types, string extra)
    {
        var diagnostics = await Support.Compilations.AnalyzeAsync(new WorkflowCode.WorkflowCodeAnalyzer(), Usings + Strip(types) + $$"""

            public sealed class Orders
            {
                [Workflow]
                public Task<long> Run() => Task.FromResult<long>({{expression}});
                {{extra}}
            }
            """);
        Assert.That(diagnostics, Has.Count.EqualTo(1), string.Join("\n", diagnostics.Select(d => d.ToString())));
        return diagnostics[0].GetMessage();
    }

    private static string IdOf(string types) =>
        types.Contains("DateTime.UtcNow") ? "WF1001" : types.Contains("Random.Shared") ? "WF1003" : types.Contains("Guid.NewGuid") ? "WF1002" : "WF1005";

    private static string Strip(string code) => code.Replace("{|#0:", "").Replace("|}", "");

    private static TestCaseData Case(string name, string expression, string types, string chain, string extra = "") =>
        new TestCaseData(expression, types, chain, extra).SetArgDisplayNames(name);
}
