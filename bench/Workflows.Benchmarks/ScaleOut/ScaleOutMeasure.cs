using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Npgsql;
using Workflows.PostgreSql;
using Workflows.Storage;

namespace Workflows.Benchmarks.ScaleOut;

/// <summary>
/// P7: durable steps per second with three worker processes on one PostgreSQL database ÷ with one, the same
/// instances created at once in both runs; and the failover time: from killing the worker that runs an instance to
/// the next step of that instance committed by another worker.
/// </summary>
public static class ScaleOutMeasure
{
    private const int Instances = 1000;
    private const int Rounds = 3;

    public static async Task ReportAsync()
    {
        var (cluster, reason) = await TestCluster.StartAsync();
        if (cluster is null)
        {
            Console.WriteLine($"P7 skipped: no PostgreSQL server ({reason})");
            return;
        }
        await using (cluster)
        {
            var cs = cluster.ConnectionString;
            await ThroughputAsync(cs, workers: 1, instances: 100); // warm-up: the server's caches
            var one = new List<Round>();
            var three = new List<Round>();
            for (var round = 0; round < Rounds; round++)
            {
                one.Add(await ThroughputAsync(cs, 1, Instances));
                three.Add(await ThroughputAsync(cs, 3, Instances));
            }
            var oneMedian = one.OrderBy(r => r.StepsPerSecond).ElementAt(Rounds / 2);
            var threeMedian = three.OrderBy(r => r.StepsPerSecond).ElementAt(Rounds / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"P7={threeMedian.StepsPerSecond / oneMedian.StepsPerSecond:0.00}  ({threeMedian.StepsPerSecond:0} steps/s with 3 worker processes / {oneMedian.StepsPerSecond:0} with 1, {Instances} instances x {ScaleOutWorker.ChainSteps} steps on one PostgreSQL database; goal >= 1.3, median of {Rounds} rounds)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"P7cpu: CPU per step: workers {oneMedian.WorkerCpuMicroseconds:0} us with 1 / {threeMedian.WorkerCpuMicroseconds:0} us with 3, server {oneMedian.ServerCpuMicroseconds:0} / {threeMedian.ServerCpuMicroseconds:0} us; {Environment.ProcessorCount} cores"));
            double Median(List<Round> rounds, Func<Round, double> of) => rounds.Select(of).Order().ElementAt(Rounds / 2);
            var (oneCpu, threeCpu) = (Median(one, r => r.WorkerCpuMicroseconds), Median(three, r => r.WorkerCpuMicroseconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"P7eff={oneCpu / threeCpu:0.00}  (worker CPU per step with 1 worker process ÷ with 3, medians of {Rounds} rounds: {oneCpu:0} / {threeCpu:0} us; 1.0 means sharing costs nothing; goal >= 0.9; server CPU per step {Median(one, r => r.ServerCpuMicroseconds):0} / {Median(three, r => r.ServerCpuMicroseconds):0} us)"));
            var failover = await FailoverAsync(cs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"P7failover={failover.TotalSeconds:0.0} s  (kill of the worker running an instance until another worker committed its next step; lease {ScaleOutWorker.LeaseDuration.TotalSeconds:0} s, renewed every {ScaleOutWorker.LeaseDuration.TotalSeconds / 3:0.0} s)"));
        }
    }

    /// <summary>One throughput round: steps per second, and the CPU time the workers and the server spent per step.</summary>
    private sealed record Round(double StepsPerSecond, double WorkerCpuMicroseconds, double ServerCpuMicroseconds);

    /// <summary>Steps per second of <paramref name="workers"/> processes running <paramref name="instances"/> chains created at once.</summary>
    private static async Task<Round> ThroughputAsync(string connectionString, int workers, int instances)
    {
        var schema = "p7_" + Guid.NewGuid().ToString("N")[..12];
        await using var store = await OpenAsync(connectionString, schema);
        var processes = Enumerable.Range(0, workers).Select(_ => WorkerProcess.Start(connectionString, schema)).ToList();
        try
        {
            await Task.WhenAll(processes.Select(p => p.Ready));
            var workerCpu = processes.Sum(p => p.CpuTime.TotalMicroseconds);
            var serverCpu = ServerCpu.TotalMicroseconds;
            var now = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            await store.CommitAsync([.. Enumerable.Range(0, instances).Select(i => new CreateInstance(new InstanceRecord
            {
                InstanceId = $"chain-{i}",
                WorkflowName = "Chain",
                Status = WorkflowStatus.Running,
                Input = "0",
                CreatedAt = now,
                UpdatedAt = now,
            }, false))]);
            // One connection, polled every 25 ms: the coordinator shares the cores with the workers and the server.
            await using var connection = await OpenConnectionAsync(connectionString);
            await using var completed = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".instances WHERE status = {(int)WorkflowStatus.Completed}", connection);
            while (Convert.ToInt64(await completed.ExecuteScalarAsync(), CultureInfo.InvariantCulture) < instances) await Task.Delay(25);
            var elapsed = clock.Elapsed;
            var steps = instances * ScaleOutWorker.ChainSteps;
            return new Round(steps / elapsed.TotalSeconds,
                (processes.Sum(p => p.CpuTime.TotalMicroseconds) - workerCpu) / steps,
                (ServerCpu.TotalMicroseconds - serverCpu) / steps);
        }
        finally
        {
            await Task.WhenAll(processes.Select(p => p.StopAsync()));
            await DropAsync(connectionString, schema);
        }
    }

    private static async Task<TimeSpan> FailoverAsync(string connectionString)
    {
        var schema = "p7_failover_" + Guid.NewGuid().ToString("N")[..8];
        await using var store = await OpenAsync(connectionString, schema);
        var processes = Enumerable.Range(0, 2).Select(_ => WorkerProcess.Start(connectionString, schema)).ToList();
        try
        {
            await Task.WhenAll(processes.Select(p => p.Ready));
            var now = DateTime.UtcNow;
            await store.CommitAsync([new CreateInstance(new InstanceRecord
            {
                InstanceId = "long", WorkflowName = "Long", Status = WorkflowStatus.Running, Input = "1000000", CreatedAt = now, UpdatedAt = now,
            }, false)]);
            var journal = $"SELECT count(*) FROM \"{schema}\".journal WHERE instance_id = 'long'";
            while (await ScalarAsync(connectionString, journal) < 50) await Task.Delay(10);

            var ownerQuery = $"SELECT owner FROM \"{schema}\".instances WHERE instance_id = 'long'";
            var owner = await TextAsync(connectionString, ownerQuery);
            var victim = processes.Single(p => owner!.Contains($":{p.Id}:", StringComparison.Ordinal));
            var clock = Stopwatch.StartNew();
            victim.Kill();
            // The dead worker's last transaction may still commit after the kill: count from the take-over on.
            while (await TextAsync(connectionString, ownerQuery) is var current && (current is null || current == owner)) await Task.Delay(10);
            var atTakeOver = await ScalarAsync(connectionString, journal);
            while (await ScalarAsync(connectionString, journal) <= atTakeOver) await Task.Delay(10);
            return clock.Elapsed;
        }
        finally
        {
            await Task.WhenAll(processes.Select(p => p.StopAsync()));
            await DropAsync(connectionString, schema);
        }
    }

    /// <summary>The CPU time of every PostgreSQL server process on this machine so far (from /proc).</summary>
    private static TimeSpan ServerCpu
    {
        get
        {
            long ticks = 0;
            foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
            {
                string text;
                try { text = File.ReadAllText(stat); }
                catch (IOException) { continue; }
                catch (UnauthorizedAccessException) { continue; }
                if (!text.Contains("(postgres)", StringComparison.Ordinal)) continue;
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
            }
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
        }
    }

    private static Task<PostgreSqlCheckpointStore> OpenAsync(string connectionString, string schema) =>
        PostgreSqlCheckpointStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = connectionString, Schema = schema, WorkerId = "p7-coordinator" });

    private static async Task<NpgsqlConnection> OpenConnectionAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string?> TextAsync(string connectionString, string sql)
    {
        await using var connection = await OpenConnectionAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = await OpenConnectionAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task DropAsync(string connectionString, string schema)
    {
        await using var connection = await OpenConnectionAsync(connectionString);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A worker process of this program.</summary>
    private sealed class WorkerProcess
    {
        private readonly Process _process;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private WorkerProcess(Process process)
        {
            _process = process;
            _ = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line == ScaleOutWorker.ReadyLine) _ready.TrySetResult();
                }
                _ready.TrySetException(new InvalidOperationException($"A P7 worker exited before it was ready: {await process.StandardError.ReadToEndAsync()}"));
            });
        }

        public int Id => _process.Id;

        public TimeSpan CpuTime
        {
            get
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
        }

        public Task Ready => _ready.Task;

        public static WorkerProcess Start(string connectionString, string schema)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "exec", Assembly.GetEntryAssembly()!.Location, "p7-worker", connectionString, schema }) start.ArgumentList.Add(argument);
            return new WorkerProcess(Process.Start(start)!);
        }

        public void Kill() => _process.Kill(entireProcessTree: true);

        public async Task StopAsync()
        {
            if (!_process.HasExited) _process.StandardInput.Close();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
        }
    }
}
