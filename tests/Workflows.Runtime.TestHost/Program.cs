// A worker process the crash tests start and kill. Usage:
//   Workflows.Runtime.TestHost <scenario> <db> <ledger> [crash-point]
// Every step appends "<operation> <attempt>" to the ledger (flushed) before it acts, so the test can count
// live executions across process deaths. At the crash point the process dies with Environment.FailFast:
// no finally blocks, no flushing, no disposal.
using Workflows;

var (scenario, db, ledger, crashPoint) = (args[0], args[1], args[2], args.Length > 3 ? args[3] : null);

void Record(string line)
{
    using var file = new FileStream(ledger, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    using var writer = new StreamWriter(file);
    writer.WriteLine(line);
    writer.Flush();
    file.Flush(flushToDisk: true);
}

void CrashIf(string point)
{
    if (point == crashPoint) Environment.FailFast($"crash test: dying at {point}");
}

var flaky = new StepOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(20) };

await using var engine = WorkflowEngine.Open(db, options =>
{
    options.Workflows.Add<int, int>("Sequential", async count =>
    {
        var total = 0;
        for (var i = 1; i <= count; i++)
        {
            var n = i;
            total += await Workflow.RunStepAsync("Add", null, _ =>
            {
                Record($"{Workflow.Step.OperationId} {Workflow.Step.Attempt}");
                CrashIf($"{Workflow.Step.OperationId}");
                return Task.FromResult(n * 10);
            });
        }
        return total;
    });

    options.Workflows.Add<int, string>("Flaky", async _ =>
    {
        try
        {
            await Workflow.RunStepAsync<int>("Flaky", flaky, _ =>
            {
                var attempt = Workflow.Step.Attempt;
                Record($"{Workflow.Step.OperationId} {attempt}");
                CrashIf($"attempt-{attempt}");
                throw new InvalidOperationException($"attempt {attempt} failed");
            });
            return "unexpected success";
        }
        catch (StepFailedException ex)
        {
            return $"{ex.Attempts} {ex.ErrorType} {ex.Error.Message}";
        }
    });
});

try
{
    await engine.Client.StartAsync<int, object>(scenario, 5, new StartWorkflowOptions { InstanceId = "crash-test" });
}
catch (WorkflowInstanceExistsException)
{
    // A run after a crash: the engine resumed the instance on open.
}

var info = await engine.Client.WaitForCompletionAsync("crash-test");
Console.WriteLine($"RESULT {info.Status} {info.OutputJson}");
