using System.Runtime.CompilerServices;
using Workflows.Generator.Tests.Support;

namespace Workflows.Generator.Tests.Snapshots;

/// <summary>The generated sources for representative inputs, compared with committed snapshots; each must compile warning-free.</summary>
public sealed class SnapshotTests
{
    [Test]
    public void Instance_static_private_and_generic_steps()
    {
        Verify("""
            using System.Threading.Tasks;
            using Workflows;

            namespace Shop;

            public sealed record Order(string Sku, int Quantity);

            public sealed class OrderWorkflows
            {
                [Workflow]
                public async Task<string> Fulfil(Order order)
                {
                    var hold = await Reserve(order);
                    var price = await Price(order.Quantity);
                    var echoed = await Echo(order.Sku);
                    return $"{hold}:{price}:{echoed}";
                }

                [Step(MaxAttempts = 5, InitialBackoffMilliseconds = 200, BackoffCoefficient = 1.5, TimeoutMilliseconds = 30000, HeartbeatTimeoutMilliseconds = 5000, NonRetryableExceptions = new[] { typeof(System.ArgumentException) })]
                private Task<string> Reserve(Order order) => Task.FromResult(order.Sku);

                [Step(Name = "Pricing")]
                public static Task<decimal> Price(int quantity) => Task.FromResult(quantity * 2.5m);

                [Step]
                private static Task<T> Echo<T>(T value) where T : class => Task.FromResult(value);
            }
            """);
    }

    [Test]
    public void Several_workflows_in_a_class_with_parameters_records_cancellation_tokens_and_no_result()
    {
        Verify("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            namespace Billing
            {
                public sealed record Invoice(string Customer, decimal Amount);

                public interface IMailer { Task SendAsync(string to, CancellationToken cancellationToken); }

                public sealed class BillingWorkflows(IMailer mailer)
                {
                    [Workflow(Name = "issue-invoice")]
                    public async Task<Invoice> Issue(string customer, decimal amount, CancellationToken cancellationToken)
                    {
                        await Send(customer, cancellationToken);
                        return new Invoice(customer, amount);
                    }

                    [Workflow]
                    public async ValueTask Remind(Invoice invoice)
                    {
                        await Send(invoice.Customer, CancellationToken.None);
                    }

                    [Workflow]
                    public static Task<int> Count() => Task.FromResult(0);

                    [Step]
                    private Task Send(string to, CancellationToken cancellationToken) => mailer.SendAsync(to, cancellationToken);
                }
            }
            """);
    }

    [Test]
    public void Nested_classes_steps_in_other_classes_helpers_lambdas_local_functions_and_child_workflows()
    {
        Verify("""
            using System.Linq;
            using System.Threading.Tasks;
            using Workflows;

            public static class Outer
            {
                public sealed class Shipping
                {
                    [Workflow]
                    public async Task<int> ShipAll(int[] parcels)
                    {
                        var labels = await Task.WhenAll(parcels.Select(p => Carrier.Label(p)));
                        async Task<int> Weigh() => await new Scale().Weigh(labels.Length);
                        var weight = await Weigh();
                        await Audit(weight);
                        var now = Workflow.UtcNow;
                        var description = await new Scale().Describe(weight);
                        return weight + await Count(labels.Length);
                    }

                    [Workflow]
                    public async Task<int> Count(int n) => await Carrier.Label(n);

                    private static async Task Audit(int weight) => await Carrier.Record(weight);
                }
            }

            public static class Carrier
            {
                [Step] public static Task<int> Label(int parcel) => Task.FromResult(parcel);
                [Step] internal static Task Record(int weight) => Task.CompletedTask;
            }

            public sealed class Scale
            {
                [Step] public ValueTask<int> Weigh(int count) => new(count * 3);
            }

            public static class Extensions
            {
                [Step] public static Task<string> Describe(this Scale scale, int grams) => Task.FromResult($"{grams} g");
            }
            """);
    }

    [Test]
    public void Queries_signals_and_updates_of_a_workflow_class_with_arguments_private_methods_validators_and_names()
    {
        Verify("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Workflows;

            namespace Tracking;

            public sealed record Progress(int Done, int Total);

            public sealed class Batch
            {
                private readonly List<string> _done = [];
                private int _total;

                [Workflow(ExecutionTimeoutSeconds = 86400, RunTimeoutSeconds = 3600)]
                public async Task<int> Process(string[] items)
                {
                    _total = items.Length;
                    foreach (var item in items) _done.Add(await Handle(item));
                    return _done.Count;
                }

                [Query]
                public Progress Progress() => new(_done.Count, _total);

                [Query(Name = "is-done")]
                private bool IsDone(string item, int attempt) => _done.Contains(item) && attempt >= 0;

                [Signal]
                public void Extend(int more) => _total += more;

                [Signal(Name = "skip")]
                private void Skip(string item, Progress seen) => _done.Add(item + seen.Done);

                [Update]
                public async Task<int> Add(string item, int count)
                {
                    for (var i = 0; i < count; i++) _done.Add(await Handle(item));
                    return _done.Count;
                }

                [UpdateValidator(nameof(Add))]
                private void ValidateAdd(string item, int count)
                {
                    if (count <= 0) throw new System.ArgumentOutOfRangeException(nameof(count));
                }

                [Update(Name = "reset")]
                private async ValueTask Reset() => await Handle("reset");

                [Step]
                private Task<string> Handle(string item) => Task.FromResult(item);
            }
            """);
    }

    [Test]
    public void Task_WhenAny_in_every_form_in_workflow_code_and_its_helpers()
    {
        Verify("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Workflows;

            namespace Trials;

            public sealed class Sleeper
            {
                [Workflow]
                public async Task<string> Sleep(int days)
                {
                    for (var day = 1; day <= days; day++)
                    {
                        var nextDay = Workflow.DelayAsync(System.TimeSpan.FromDays(1));
                        var complete = Workflow.WaitForEventAsync<string>("complete");
                        if (await Task.WhenAny(nextDay, complete) == complete) return await complete;
                    }
                    var a = Workflow.WaitForEventAsync<string>("a");
                    var b = Workflow.WaitForEventAsync<string>("b");
                    var c = Workflow.WaitForEventAsync<string>("c");
                    var pair = await Task.WhenAny(a, b);
                    var three = await Task.WhenAny(a, b, c);
                    var array = await Task.WhenAny(new Task[] { a, b });
                    var list = await Task.WhenAny(new List<Task<string>> { a, c });
                    var untyped = await Task.WhenAny(a, (Task)b, c);
                    return await pair + await three + await First(a, c);
                }

                private static async Task<string> First(Task<string> x, Task<string> y) => await await Task.WhenAny(x, y);

                private static async Task<T> Generic<T>(Task<T> x, Task<T> y) => await await Task.WhenAny(x, y);
            }
            """);
    }

    [Test]
    public void Patched_branches_in_if_statements_conditional_expressions_nested_checks_helpers_and_a_deprecation()
    {
        Verify("""
            using System.Threading.Tasks;
            using Workflows;

            namespace Billing;

            public sealed class Invoicing
            {
                private const string Rounding = "rounding";

                [Workflow]
                public async Task<string> Invoice(string id)
                {
                    Workflow.DeprecatePatch("tax-2025");
                    var total = await Price(id);
                    if (Workflow.Patched("discount"))
                    {
                        total = await Discount(total);
                        if (!Workflow.Patched(Rounding)) total = await Round(total);
                    }
                    else
                    {
                        await Audit(id);
                    }
                    var note = (Workflow.Patched("notes")) ? await Note(id) : "";
                    if (!Workflow.Patched("legacy-mail")) await Mail(id);
                    await Settle(id);
                    return $"{total}{note}";
                }

                private async Task Settle(string id)
                {
                    if (Workflow.Patched("ledger")) await Book(id);
                }

                [Step] public Task<decimal> Price(string id) => Task.FromResult(10m);
                [Step] public Task<decimal> Discount(decimal total) => Task.FromResult(total - 1);
                [Step] public Task<decimal> Round(decimal total) => Task.FromResult(decimal.Round(total));
                [Step] public Task Audit(string id) => Task.CompletedTask;
                [Step] public Task<string> Note(string id) => Task.FromResult("!");
                [Step] public Task Mail(string id) => Task.CompletedTask;
                [Step] public Task Book(string id) => Task.CompletedTask;
            }
            """);
    }

    [Test]
    public void Schedules_declared_with_a_cron_expression_a_time_zone_an_interval_and_an_overlap_policy_and_a_recovery_limit()
    {
        Verify("""
            using System.Threading;
            using System.Threading.Tasks;
            using Workflows;

            namespace Reports;

            public sealed class Nightly
            {
                [Workflow(MaxRecoveryAttempts = 5)]
                [Schedule("0 3 * * *", TimeZone = "Europe/Berlin", Overlap = ScheduleOverlapPolicy.BufferOne, CatchupWindowSeconds = 3600)]
                [Schedule(Id = "every-ten-minutes", IntervalSeconds = 600, OffsetSeconds = 60, JitterSeconds = 30)]
                public async Task<int> Report(CancellationToken cancellationToken) => await Count();

                [Step] private static Task<int> Count() => Task.FromResult(1);
            }
            """);
    }

    private static void Verify(string source, [CallerMemberName] string test = "")
    {
        var run = GeneratorRun.Of(source);

        Assert.That(run.GeneratorDiagnostics, Is.Empty, "the generator reports nothing for valid input");
        Assert.That(run.CompilationProblems().Select(d => d.ToString()), Is.Empty, "generated code compiles without warnings");
        Assert.That(run.Sources, Is.Not.Empty);
        foreach (var (hint, text) in run.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
            Snapshot.Match(text, $"{nameof(SnapshotTests)}.{test}#{Path.GetFileNameWithoutExtension(hint)}");
    }
}
