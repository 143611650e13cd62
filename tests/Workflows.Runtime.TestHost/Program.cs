// A worker process the crash tests start and kill. Usage:
//   Workflows.Runtime.TestHost <scenario> <db> <ledger> [crash-point]
// Every step appends "<operation> <attempt>" to the ledger (flushed) before it acts, so the test can count
// live executions across process deaths. At the crash point the process dies with Environment.FailFast:
// no finally blocks, no flushing, no disposal.
using Workflows;
using Workflows.Storage;
using Workflows.Storage.LiteDb;

var (scenario, db, ledger, crashPoint) = (args[0], args[1], args[2], args.Length > 3 ? args[3] : null);

var ledgerGate = new Lock();

// Steps of a fan-out record concurrently: appends from two threads at once would overwrite each other.
void Record(string line)
{
    lock (ledgerGate) Append(line);
}

void Append(string line)
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

if (scenario == "Acknowledged")
{
    // Store level: eight writers commit journal entries one at a time and record each one after its commit was
    // acknowledged; after <crash-point> acknowledgements the process dies. The next open must hold every recorded one.
    // Half the writers go through the writer thread, half write the queue themselves when it is idle, as step
    // completions do.
    var dieAfter = int.Parse(crashPoint!, System.Globalization.CultureInfo.InvariantCulture);
    var acknowledged = 0;
    // Unbuffered and not synced: a write handed to the OS survives the kill, and the kill follows within microseconds.
    var record = new FileStream(ledger, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    var store = LiteDbCheckpointStore.Open(db);
    await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
    {
        for (var i = 1; ; i++)
        {
            var operation = $"/w{writer}#{i}";
            StoreMutation[] commit = [new PutJournalEntry(new JournalEntry
            {
                InstanceId = "acknowledged", Execution = 1, OperationId = operation, Kind = JournalEntryKind.Step,
                Name = "w", Sequence = i, Status = JournalEntryStatus.Completed, Result = "1", RecordedAt = DateTime.UtcNow,
            }, IsFirstWrite: true)];
            if (writer % 2 == 0)
            {
                await store.CommitAsync(commit);
            }
            else
            {
                var written = ((IInlineCommits)store).QueueAsync(commit);
                ((IInlineCommits)store).CommitQueued();
                await written;
            }
            lock (ledgerGate) record.Write(System.Text.Encoding.UTF8.GetBytes(operation + "\n"));
            if (Interlocked.Increment(ref acknowledged) >= dieAfter) Environment.FailFast("crash test: dying right after an acknowledgement");
        }
    })));
}

var flaky = new StepOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(20) };

await using var engine = WorkflowEngine.Open(db, options =>
{
    options.Workflows.Add<object?, string>("Beat", async _ =>
    {
        var run = Workflow.InstanceId;
        return await Workflow.RunStepAsync("beat", null, _ =>
        {
            Record(run);
            return Task.FromResult(run);
        });
    });
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

    // Every attempt kills the process: only the attempt count journaled at each restart can stop it.
    options.Workflows.Add<int, string>("Poison", async _ =>
    {
        try
        {
            await Workflow.RunStepAsync<int>("Poison", flaky, _ =>
            {
                Record($"{Workflow.Step.OperationId} {Workflow.Step.Attempt}");
                Environment.FailFast("crash test: the step takes the process down");
                return Task.FromResult(0);
            });
            return "unexpected success";
        }
        catch (StepFailedException ex)
        {
            return $"{ex.Attempts} {ex.ErrorType} {ex.Error.Message}";
        }
    });

    // Workflow code (not a step) that takes the process down every time it runs live after its step: each run after
    // the first is a recovery without progress. Crash point "spare" lets it finish.
    options.Workflows.Add(WorkflowDefinition.Create<int, string>("Recover", async _ =>
    {
        var value = await Workflow.RunStepAsync("Once", null, _ =>
        {
            Record($"{Workflow.Step.OperationId} {Workflow.Step.Attempt}");
            return Task.FromResult("done");
        });
        if (crashPoint != "spare") Environment.FailFast("crash test: the workflow code takes the process down");
        return value;
    }).WithMaxRecoveryAttempts(3));

    // 20 items, 4 at a time: items 0-5 finish; in the crashing run items 6-9 hold their slots in step B until item 9
    // kills the process, so 6-9 are in flight and 10-19 have not started.
    options.Workflows.Add<int, int>("Map", async _ =>
    {
        var result = await Workflow.MapAsync(Enumerable.Range(0, 20), async item =>
        {
            var a = await Workflow.RunStepAsync("A", null, _ =>
            {
                Record($"{Workflow.Step.OperationId} {Workflow.Step.Attempt}");
                return Task.FromResult(item);
            });
            return a + await Workflow.RunStepAsync("B", null, async token =>
            {
                Record($"{Workflow.Step.OperationId} {Workflow.Step.Attempt}");
                if (crashPoint is not null && item >= 6)
                {
                    await Task.Delay(item == 9 ? 300 : 5000, token);
                    CrashIf(Workflow.Step.OperationId);
                }
                return item * 10;
            });
        }, new MapOptions { MaxConcurrency = 4 });
        return result.Values.Sum();
    });

    // The same fan-out three times; the crashing run dies in the second round, after its other items finished.
    options.Workflows.Add<int, string>("Rounds", async _ =>
    {
        var sums = new List<int>();
        for (var round = 1; round <= 3; round++)
        {
            var current = round;
            var result = await Workflow.MapAsync([1, 2, 3], item => Workflow.RunStepAsync("Square", null, async token =>
            {
                Record($"{Workflow.Step.OperationId} {Workflow.Step.Attempt}");
                if (crashPoint == Workflow.Step.OperationId)
                {
                    await Task.Delay(300, token);
                    CrashIf(Workflow.Step.OperationId);
                }
                return item * item * current;
            }));
            sums.Add(result.Values.Sum());
        }
        return string.Join(",", sums);
    });

    // Six 200 KB results. With the crash point "hold", chunk 2 waits for the file "<ledger>.go": the test fills the
    // disk meanwhile, so its result cannot be written.
    options.Workflows.Add<int, int>("DiskFull", async _ =>
    {
        var total = 0;
        for (var i = 0; i < 6; i++)
        {
            var chunk = await Workflow.RunStepAsync("Chunk", null, async token =>
            {
                Record($"{Workflow.Step.OperationId} {Workflow.Step.Attempt}");
                while (crashPoint == "hold" && Workflow.Step.OperationId == "/Chunk#2" && !File.Exists(ledger + ".go")) await Task.Delay(20, token);
                return new string('x', 200_000);
            });
            total += chunk.Length;
        }
        return total;
    });
});

if (scenario == "Schedule")
{
    // A schedule with a one-second interval. With crash point "kill" the process dies once three runs went through;
    // without, it lets the schedule run for three seconds (catching up on the seconds it was down), pauses it, waits
    // for its runs and reports them.
    try
    {
        await engine.Schedules.CreateAsync("beat", ScheduleSpec.Every(TimeSpan.FromSeconds(1)), new ScheduleAction("Beat"),
            new ScheduleOptions { Policy = new SchedulePolicy { Overlap = ScheduleOverlapPolicy.AllowAll, CatchupWindow = TimeSpan.FromMinutes(1) } });
    }
    catch (InvalidOperationException)
    {
        // Created by the process before the kill.
    }
    if (crashPoint == "kill")
    {
        while (!File.Exists(ledger) || File.ReadAllLines(ledger).Length < 3) await Task.Delay(50);
        Environment.FailFast("crash test: dying while the schedule runs");
    }
    await Task.Delay(TimeSpan.FromSeconds(3));
    var schedule = await engine.Schedules.PauseAsync("beat", "test over");
    var runs = await engine.Client.QueryInstancesAsync(new WorkflowInstanceQuery { WorkflowName = "Beat", PageSize = 1000 });
    foreach (var run in runs.Instances) await engine.Client.WaitForCompletionAsync(run.InstanceId);
    Console.WriteLine($"RESULT {System.Text.Json.JsonSerializer.Serialize(new { schedule.MissedRuns, schedule.StartedRuns, Runs = runs.Instances.Select(r => r.InstanceId).Order(StringComparer.Ordinal) })}");
    return;
}

try
{
    await engine.Client.StartAsync<int, object>(scenario, 5, new StartWorkflowOptions { InstanceId = "crash-test" });
}
catch (WorkflowInstanceExistsException)
{
    // A run after a crash: the engine resumed the instance on open.
}

if (scenario == "DiskFull" && crashPoint == "hold")
{
    // Report what the user sees once the write failed, then end the process: LiteDB holds the file until it exits.
    while (true)
    {
        try
        {
            if ((await engine.Client.GetStatusAsync("crash-test")).StalledReason is { } reason)
            {
                Console.WriteLine($"STALLED {reason}");
                Environment.Exit(3);
            }
        }
        catch (CheckpointStoreException ex)
        {
            Console.WriteLine($"STALLED {ex.Message}");
            Environment.Exit(3);
        }
        await Task.Delay(20);
    }
}

if (scenario == "Recover")
{
    // Once the engine stopped the instance instead of running it into another crash, report that; "spare" resumes it.
    await engine.Ready;
    var status = await engine.Client.GetStatusAsync("crash-test");
    if (status.Status == WorkflowStatus.Suspended && crashPoint != "spare")
    {
        Console.WriteLine($"RESULT Suspended {status.StatusReason}");
        return;
    }
    if (status.Status == WorkflowStatus.Suspended) await engine.Client.ResumeAsync("crash-test");
}

var info = await engine.Client.WaitForCompletionAsync("crash-test");
Console.WriteLine($"RESULT {info.Status} {info.OutputJson}");
