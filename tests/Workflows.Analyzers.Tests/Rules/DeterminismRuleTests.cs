using Workflows.Analyzers.CodeFixes;
using Verifier = Workflows.Analyzers.Tests.Support.Verify<Workflows.Analyzers.WorkflowCode.WorkflowCodeAnalyzer>;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>
/// WF1002–WF1013 and WF2004: each flagged in a workflow, not flagged in a step or outside workflow code, and
/// flagged with its call chain in a helper a workflow reaches.
/// </summary>
public sealed class DeterminismRuleTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Workflows;

        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("WF1002", "string", "{|#0:Guid.NewGuid()|}.ToString()");
        yield return Case("WF1003", "int", "{|#0:new Random()|}.Next()");
        yield return Case("WF1003", "int", "{|#0:Random.Shared|}.Next()");
        yield return Case("WF1004", "int", "Wait()", extra: "private static int Wait() { {|#0:Thread.Sleep(10)|}; return 1; }");
        yield return Case("WF1004", "bool", "{|#0:new CancellationTokenSource(TimeSpan.FromSeconds(5))|}.IsCancellationRequested");
        yield return Case("WF1004", "bool", "{|#0:new CancellationTokenSource(5000)|}.IsCancellationRequested");
        yield return Case("WF1004", "int", "Cancel()", extra: "private static int Cancel() { using var source = new CancellationTokenSource(); {|#0:source.CancelAfter(100)|}; return 1; }");
        yield return Case("WF1004", "bool", "{|#0:Task.CompletedTask.WaitAsync(TimeSpan.FromSeconds(1))|}.IsCompleted");
        yield return Case("WF1004", "bool", "{|#0:Task.FromResult(1).WaitAsync(TimeSpan.FromSeconds(1))|}.IsCompleted");
        yield return Case("WF1004", "int", "Tick()", extra: "private static int Tick() { using var timer = {|#0:new PeriodicTimer(TimeSpan.FromSeconds(1))|}; return 1; }");
        yield return Case("WF1004", "int", "Tock()", extra: "private static int Tock() { using var timer = {|#0:new Timer(_ => { }, null, 10, 10)|}; return 1; }");
        yield return Case("WF1004", "int", "Elapse()", extra: "private static int Elapse() { using var timer = {|#0:new System.Timers.Timer(10)|}; return 1; }");
        yield return Case("WF1005", "long", "{|#0:Environment.TickCount64|}");
        yield return Case("WF1005", "int", "{|#0:Environment.ProcessorCount|}");
        yield return Case("WF1005", "long", "{|#0:Stopwatch.GetTimestamp()|}");
        yield return Case("WF1006", "string", "{|#0:File.ReadAllText(\"a.txt\")|}");
        yield return Case("WF1006", "string?", "{|#0:Console.ReadLine()|}");
        yield return Case("WF1007", "int", "Count()", extra: "private static int Count() { {|#0:ThreadPool.QueueUserWorkItem(_ => { })|}; return 1; }");
        yield return Case("WF1009", "int", "{|#0:Counter|}++", extra: "private static int Counter;");
        yield return Case("WF1014", "int", "{|#0:\"order\".GetHashCode()|}");
        yield return Case("WF1014", "int", "{|#0:\"order\".GetHashCode(StringComparison.OrdinalIgnoreCase)|}");
        yield return Case("WF1014", "int", "{|#0:StringComparer.Ordinal.GetHashCode(\"order\")|}");
        yield return Case("WF1014", "int", "{|#0:EqualityComparer<string>.Default.GetHashCode(\"order\")|}");
        yield return Case("WF1014", "int", "{|#0:HashCode.Combine(1, 2)|}");
        yield return Case("WF1014", "int", "{|#0:System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Gate)|}", extra: "private static readonly object Gate = new();");
        yield return Case("WF1014", "int", "{|#0:Gate.GetHashCode()|}", extra: "private static readonly object Gate = new();");
        yield return Case("WF1014", "int", "{|#0:(1, 2).GetHashCode()|}");
        yield return Case("WF1014", "int", "{|#0:new Key(1).GetHashCode()|}", extra: "public sealed record Key(int Id);");
        yield return Case("WF1014", "int", "{|#0:new Name(\"a\").GetHashCode()|}", extra: "public readonly record struct Name(string Value);");
        yield return Case("WF1014", "int", "new Sku().GetHashCode()", extra: "public sealed class Sku { public string Code = \"\"; public override int GetHashCode() => {|#0:HashCode.Combine(Code)|}; }");
        yield return Case("WF1015", "string", "{|#0:Tags.First()|}", extra: "private static readonly HashSet<string> Tags = [\"a\"];");
        yield return Case("WF1015", "int", "{|#0:Stock.Keys.Where(k => k.Length > 1).ElementAt(0)|}.Length", extra: "private static readonly Dictionary<string, int> Stock = new();");
        yield return Case("WF1015", "int", "{|#0:Stock.Values.ToList()|}[0]", extra: "private static readonly Dictionary<string, int> Stock = new();");
        yield return Case("WF1015", "string", "{|#0:string.Join(\",\", Tags)|}", extra: "private static readonly HashSet<string> Tags = [\"a\"];");
        yield return Case("WF1015", "string", "{|#0:Tags.Aggregate((a, b) => a + b)|}", extra: "private static readonly HashSet<string> Tags = [\"a\"];");
        yield return Case("WF1015", "int", "{|#0:new List<string>(Tags)|}[0].Length", extra: "private static readonly HashSet<string> Tags = [\"a\"];");
        yield return Case("WF1016", "bool", "Task.WhenAny({|#0:Workflow.WaitForEventAsync<int>(\"approve\")|}, Workflow.DelayAsync(TimeSpan.FromDays(1))).IsCompleted");
        yield return Case("WF1016", "bool", "Workflow.WhenAny({|#0:Workflow.WaitForEventAsync<int>(\"approve\", null, CancellationToken.None)|}, Task.CompletedTask).IsCompleted");
        yield return Case("WF1016", "bool", "Race()", extra: "private static bool Race() { var approval = {|#0:Workflow.WaitForEventAsync<int>(\"approve\")|}; return Task.WhenAny([approval, Task.CompletedTask]).IsCompleted; }");
        yield return Case("WF1013", "int", "Locked()", extra: "private static readonly object Gate = new(); private static int Locked() { {|#0:lock|} (Gate) { return 1; } }");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Is_reported_in_a_workflow(string id, string type, string expression, string extra)
    {
        await Verifier.AnalyzerAsync(Usings + $$"""
            public sealed class Orders
            {
                [Workflow]
                public Task<{{type}}> Run() => Task.FromResult<{{type}}>({{expression}});
                {{extra}}
            }
            """, Verifier.Diagnostic(id).WithLocation(0));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Is_not_reported_in_a_step_or_outside_workflow_code(string id, string type, string expression, string extra)
    {
        var plain = Strip(expression);
        await Verifier.AnalyzerAsync(Usings + $$"""
            public sealed class Orders
            {
                [Workflow]
                public async Task<{{type}}> Run() => await Read();

                [Step]
                private Task<{{type}}> Read() => Task.FromResult<{{type}}>({{plain}});

                public {{type}} Plain() => {{plain}};
                {{Strip(extra)}}
            }
            """);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Is_reported_with_the_call_chain_in_a_helper_a_workflow_reaches(string id, string type, string expression, string extra)
    {
        await Verifier.AnalyzerAsync(Usings + $$"""
            public sealed class Orders
            {
                [Workflow]
                public Task<{{type}}> Run() => Task.FromResult(Outer());

                private static {{type}} Outer() => Inner();

                private static {{type}} Inner() => {{expression}};
                {{extra}}
            }
            """, Verifier.Diagnostic(id).WithLocation(0).WithMessage(null));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Is_reported_with_the_chain_behind_a_property_a_workflow_reads(string id, string type, string expression, string extra)
    {
        await Verifier.AnalyzerAsync(Usings + $$"""
            public sealed class Orders
            {
                [Workflow]
                public Task<{{type}}> Run() => Task.FromResult(Current);

                private static {{type}} Current => {{expression}};
                {{extra}}
            }
            """, Verifier.Diagnostic(id).WithLocation(0).WithMessage(null));
    }

    [Test]
    public async Task Awaiting_a_library_task_is_WF1008_but_durable_calls_helpers_and_combinators_are_not()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public sealed class Orders
            {
                private readonly SemaphoreSlim _signal = new(0);

                [Workflow]
                public async Task<int> Run(int[] items)
                {
                    await Task.Yield();
                    var all = await Task.WhenAll(items.Select(i => Ship(i)));
                    var local = await Helper();
                    var read = await {|#0:System.Text.Json.JsonSerializer.DeserializeAsync<int>(Stream.Null)|};
                    return all.Sum() + local + read;
                }

                private static async Task<int> Helper() { await Task.Yield(); return 1; }

                [Step] private static Task<int> Ship(int item) => Task.FromResult(item);
            }
            """, Verifier.Diagnostic("WF1008").WithLocation(0));
    }

    [Test]
    public async Task Awaiting_a_delegate_of_unknown_or_non_workflow_origin_is_WF1008()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public static class Registry
            {
                public static readonly List<Func<Task>> Hooks = new();
                public static void Register(Func<Task> hook) => Hooks.Add(hook);
            }

            public static class Program
            {
                public static void Main() => Registry.Hooks.Add(async () => await File.WriteAllTextAsync("x", "y"));
            }

            public sealed class Orders
            {
                private readonly Func<Task<int>> _count;

                public Orders(Func<Task<int>> count) => _count = count;

                [Workflow]
                public async Task<int> Run(List<Func<Task>> given)
                {
                    foreach (var hook in Registry.Hooks) await {|#0:hook()|};
                    foreach (var action in given) await {|#1:action()|};
                    Func<Task> fromStep = await MakeInStep();
                    await {|#2:fromStep()|};
                    Func<Task> local = () => Ship(1);
                    await local();
                    return await {|#3:_count()|};
                }

                [Step] private static Task<Func<Task>> MakeInStep() => Task.FromResult<Func<Task>>(() => Task.CompletedTask);
                [Step] private static Task<int> Ship(int item) => Task.FromResult(item);
            }
            """,
            Verifier.Diagnostic("WF1008").WithLocation(0),
            Verifier.Diagnostic("WF1008").WithLocation(1),
            Verifier.Diagnostic("WF1008").WithLocation(2),
            Verifier.Diagnostic("WF1008").WithLocation(3));
    }

    [Test]
    public async Task A_delegate_awaited_in_a_helper_is_judged_by_every_caller_of_the_helper()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public static class Program
            {
                public static Task Main() => Helpers.Run(async () => await File.WriteAllTextAsync("x", "y"));
            }

            public static class Helpers
            {
                public static async Task Run(Func<Task> action) => await {|#0:action()|};
            }

            public sealed class Orders
            {
                [Workflow]
                public async Task Run() => await Helpers.Run(() => Ship(1));

                [Step] private static Task<int> Ship(int item) => Task.FromResult(item);
            }
            """, Verifier.Diagnostic("WF1008").WithLocation(0).WithMessage(null));
    }

    [Test]
    public async Task ConfigureAwait_false_is_WF1010_and_true_is_fine()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public sealed class Orders
            {
                [Workflow]
                public async Task<int> Run()
                {
                    await Task.Yield();
                    var a = await Ship(1).ConfigureAwait(true);
                    return a + await {|#0:Ship(2).ConfigureAwait(false)|};
                }

                [Step] private static async Task<int> Ship(int item) { await Task.Delay(1).ConfigureAwait(false); return item; }
            }
            """, Verifier.Diagnostic("WF1010").WithLocation(0));
    }

    [Test]
    public async Task Iterating_a_hash_set_or_dictionary_to_drive_durable_calls_is_WF1011_unless_ordered()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public sealed class Orders
            {
                [Workflow]
                public async Task<int> Run(string[] skus)
                {
                    var set = new HashSet<string>(skus);
                    var prices = new Dictionary<string, int>();
                    var total = 0;
                    foreach (var sku in {|#0:set|}) total += await Ship(sku);
                    foreach (var sku in set.Order()) total += await Ship(sku);
                    foreach (var sku in set) total += sku.Length;
                    var shipped = await Task.WhenAll({|#1:prices.Keys|}.Where(k => k.Length > 0).Select(k => Ship(k)));
                    var sorted = await Task.WhenAll(prices.Keys.OrderBy(k => k).Select(k => Ship(k)));
                    return total + shipped.Sum() + sorted.Sum();
                }

                [Step] private static Task<int> Ship(string sku) => Task.FromResult(sku.Length);
            }
            """,
            Verifier.Diagnostic("WF1011").WithLocation(0).WithArguments("set", "HashSet", ""),
            Verifier.Diagnostic("WF1011").WithLocation(1).WithArguments("prices.Keys", "KeyCollection", ""));
    }

    [Test]
    public async Task A_durable_call_neither_awaited_nor_stored_is_WF1012()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public sealed class Orders
            {
                [Workflow]
                public async Task<int> Run()
                {
                    {|#0:Ship(1)|};
                    _ = {|#1:Ship(2)|};
                    var kept = Ship(3);
                    Workflow.NewGuid();
                    return await kept;
                }

                [Step] private static Task<int> Ship(int item) => Task.FromResult(item);
            }
            """,
            Verifier.Diagnostic("WF1012").WithLocation(0),
            Verifier.Diagnostic("WF1012").WithLocation(1));
    }

    [Test]
    public async Task Task_Run_and_new_Thread_are_WF1007()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public sealed class Orders
            {
                [Workflow]
                public async Task<int> Run()
                {
                    var thread = {|#1:new Thread(() => { })|};
                    return await {|#0:Task.Run(() => 1)|};
                }
            }
            """,
            Verifier.Diagnostic("WF1007").WithLocation(0),
            Verifier.Diagnostic("WF1007").WithLocation(1));
    }

    [Test]
    public async Task A_constant_child_instance_id_inside_a_loop_is_WF2004()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public sealed class Orders
            {
                [Workflow]
                public async Task<int> Run(int[] items)
                {
                    var total = await Child("invoice-once");
                    foreach (var item in items) total += await Child({|#0:"invoice"|});
                    foreach (var item in items) total += await Child($"invoice-{item}");
                    return total;
                }

                private static Task<int> Child([ChildInstanceId] string instanceId) => Task.FromResult(instanceId.Length);
            }
            """, new Microsoft.CodeAnalysis.Testing.DiagnosticResult("WF2004", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(0).WithArguments("invoice", "", ""));
    }

    [Test]
    public async Task Rules_about_awaits_iteration_dropped_calls_and_child_ids_also_follow_calls_into_helpers()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public sealed class Orders
            {
                [Workflow]
                public async Task<int> Run(string[] skus) => await ShipAll(new HashSet<string>(skus));

                private static async Task<int> ShipAll(HashSet<string> skus)
                {
                    var total = 0;
                    foreach (var sku in {|#0:skus|}) total += await Ship(sku);
                    {|#1:Ship("extra")|};
                    total += await {|#3:System.Text.Json.JsonSerializer.DeserializeAsync<int>(Stream.Null)|};
                    foreach (var sku in skus.Order()) total += await Child({|#4:"child"|});
                    return total + await {|#2:Ship("last").ConfigureAwait(false)|};
                }

                private static Task<int> Child([ChildInstanceId] string instanceId) => Task.FromResult(instanceId.Length);

                [Step] private static Task<int> Ship(string sku) => Task.FromResult(sku.Length);
            }
            """,
            Verifier.Diagnostic("WF1011").WithLocation(0).WithArguments("skus", "HashSet", " (reached from workflow 'Run' via ShipAll())"),
            Verifier.Diagnostic("WF1012").WithLocation(1).WithArguments("Ship", "", " (reached from workflow 'Run' via ShipAll())"),
            Verifier.Diagnostic("WF1010").WithLocation(2).WithArguments("ConfigureAwait(false)", "", " (reached from workflow 'Run' via ShipAll())"),
            Verifier.Diagnostic("WF1008").WithLocation(3).WithArguments("JsonSerializer.DeserializeAsync", "", " (reached from workflow 'Run' via ShipAll())"),
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("WF2004", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithLocation(4)
                .WithArguments("child", "", " (reached from workflow 'Run' via ShipAll())"));
    }

    [Test]
    public async Task The_fixes_for_guids_and_randomness_use_the_durable_api()
    {
        await Verifier.FixAsync<DurableReplacementFixer>(Usings + """
            public sealed class Orders
            {
                [Workflow]
                public Task<string> Run()
                {
                    var id = {|WF1002:Guid.NewGuid()|};
                    var roll = {|WF1003:new Random()|}.Next(6) + {|WF1003:Random.Shared|}.Next(6);
                    return Task.FromResult($"{id} {roll}");
                }
            }
            """, Usings + """
            public sealed class Orders
            {
                [Workflow]
                public Task<string> Run()
                {
                    var id = Workflow.NewGuid();
                    var roll = Workflow.Random.Next(6) + Workflow.Random.Next(6);
                    return Task.FromResult($"{id} {roll}");
                }
            }
            """, iterations: 2);
    }

    private static TestCaseData Case(string id, string type, string expression, string extra = "") =>
        new TestCaseData(id, type, expression, extra).SetArgDisplayNames(id, expression.Replace("{|#0:", "").Replace("|}", ""));

    private static string Strip(string markup) => markup.Replace("{|#0:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal);
}
