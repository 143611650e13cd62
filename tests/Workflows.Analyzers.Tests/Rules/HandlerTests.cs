using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Workflows.Analyzers.Rules;
using Workflows.Analyzers.Tests.Support;

namespace Workflows.Analyzers.Tests.Rules;

/// <summary>WF4001: a [Query] method must be a pure, synchronous read of the workflow's state; WF4002: a [Signal] method must be a synchronous void handler.</summary>
public sealed class HandlerTests
{
    [Test]
    public async Task A_query_that_assigns_state_awaits_calls_a_step_or_sets_the_status_is_WF4001()
    {
        await Verify<HandlerAnalyzer>.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Counter
            {
                private int _count;
                private string _stage = "";

                public int Total { get; private set; }

                [Workflow]
                public async Task<int> Run(int n) { _count = await Add(n); return _count; }

                [Step]
                private Task<int> Add(int n) => Task.FromResult(n);

                [Query]
                public int Next() => {|#0:++_count|};

                [Query]
                public int Reset() { {|#1:Total = 0|}; {|#2:_stage += "x"|}; return _count; }

                [Query]
                public int Peek() => {|#3:Add(1)|}.GetAwaiter().GetResult();

                [Query]
                public string Stage() { {|#4:Workflow.SetStatus(_stage)|}; return _stage; }
            }
            """,
            Error(0, "Next", "assigns '_count', state of the workflow; a query only reads it"),
            Error(1, "Reset", "assigns 'Total', state of the workflow; a query only reads it"),
            Error(2, "Reset", "assigns '_stage', state of the workflow; a query only reads it"),
            Error(3, "Peek", "calls 'Add', a durable call; only workflow code (or an update) may make one"),
            Error(4, "Stage", "sets the custom status; only workflow code may change what the instance stores"));
    }

    [Test]
    public async Task A_method_that_cannot_be_called_as_a_query_is_WF4001_on_its_declaration()
    {
        await Verify<HandlerAnalyzer>.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Shapes
            {
                private int _value;

                [Query] public static int {|#0:Static|}() => 0;
                [Query] public T {|#1:Generic|}<T>() => default!;
                [Query] public void {|#2:Nothing|}() { }
                [Query] public async Task<int> {|#3:Later|}() { {|#4:await Task.Yield()|}; return _value; }
                [Query] public int {|#5:ByRef|}(ref int x) => x;
                [Query] public int {|#6:WithToken|}(CancellationToken token) => _value;
            }
            """,
            Error(0, "Static", "is static; a query reads the state of one instance's workflow object"),
            Error(1, "Generic", "is generic; a query needs one concrete signature"),
            Error(2, "Nothing", "returns nothing; a query returns what it read"),
            Error(3, "Later", "returns a task; a query answers synchronously from the state the workflow keeps"),
            Error(4, "Later", "awaits; a query answers synchronously from the state the workflow keeps"),
            Error(5, "ByRef", "takes 'x' by reference; queries take values"),
            Error(6, "WithToken", "takes the token 'token'; queries do not wait, so they take none"));
    }

    [Test]
    public async Task Reading_state_computing_locals_and_calling_plain_helpers_is_no_diagnostic()
    {
        await Verify<HandlerAnalyzer>.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Workflows;

            public sealed record Progress(int Done, int Total);

            public sealed class Reader
            {
                private readonly List<string> _done = [];
                private int _total;

                [Query]
                public Progress Progress()
                {
                    var done = 0;
                    foreach (var item in _done) done += item.Length > 0 ? 1 : 0;
                    var copy = new Progress(0, 0) with { Done = done };
                    return copy with { Total = _total };
                }

                [Query]
                public string[] Recent(int count) => _done.TakeLast(count).Select(Format).ToArray();

                private static string Format(string item) => item.ToUpperInvariant();

                public void NotAQuery() => _total++;
            }
            """);
    }

    [Test]
    public async Task A_signal_handler_that_cannot_be_called_as_one_is_WF4002_and_a_void_handler_that_changes_state_is_fine()
    {
        await Verify<HandlerAnalyzer>.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            public sealed class Signals
            {
                private int _count;

                [Signal] public void Add(int n) => _count += n;
                [Signal] public static void {|#0:Static|}() { }
                [Signal] public void {|#1:Generic|}<T>(T value) { }
                [Signal] public async Task {|#2:Later|}() => await Task.Yield();
                [Signal] public int {|#3:Value|}() => _count;
                [Signal] public void {|#4:ByRef|}(ref int x) { }
                [Signal] public void {|#5:WithToken|}(CancellationToken token) { }
            }
            """,
            SignalError(0, "Static", "is static; a signal changes the state of one instance's workflow object"),
            SignalError(1, "Generic", "is generic; a signal needs one concrete signature"),
            SignalError(2, "Later", "returns a task; a signal handler runs synchronously when the signal is delivered (wait on its effect with Workflow.WaitConditionAsync)"),
            SignalError(3, "Value", "returns a value, which nobody receives; make it void"),
            SignalError(4, "ByRef", "takes 'x' by reference; signals carry values"),
            SignalError(5, "WithToken", "takes the token 'token'; a signal handler does not wait, so it takes none"));
    }

    private static DiagnosticResult SignalError(int location, string signal, string problem) =>
        new DiagnosticResult("WF4002", DiagnosticSeverity.Error).WithLocation(location).WithArguments(signal, problem);

    private static DiagnosticResult Error(int location, string query, string problem) =>
        new DiagnosticResult("WF4001", DiagnosticSeverity.Error).WithLocation(location).WithArguments(query, problem);
}
