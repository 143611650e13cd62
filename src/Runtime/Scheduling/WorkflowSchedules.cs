using System.Text.Json;
using Workflows.Scheduling;
using Workflows.Serialization;

namespace Workflows;

/// <summary>
/// Creates, changes and reads durable schedules. Each schedule is an instance of the built-in workflow
/// <see cref="WorkflowName"/> (ID <c>schedule:{scheduleId}</c>) that starts the run of each scheduled time as an
/// independent instance with the ID <c>{scheduleId}@{time}</c>: a crash, a restart or a second worker can never
/// start a scheduled time twice. Changes are updates of that instance: each returns once it is durably applied.
/// </summary>
public sealed class WorkflowSchedules
{
    /// <summary>The name of the built-in workflow that carries schedules.</summary>
    public const string WorkflowName = "Workflows.Schedule";

    /// <summary>The ID of the instance that carries the schedule <paramref name="scheduleId"/>: its history is the schedule's.</summary>
    public static string InstanceIdOf(string scheduleId) => ScheduleIds.Instance(scheduleId);

    /// <summary>The most scheduled times one backfill may start.</summary>
    public const int MaxBackfillRuns = 1000;

    private readonly WorkflowClient _client;
    private readonly PayloadSerializer _payloads;
    private readonly Func<string, WorkflowDefinition?> _workflows;
    private readonly TimeProvider _time;
    // For tools that read schedules without an engine, with the general defaults: one instance, so its metadata is kept.
    private static readonly PayloadSerializer DefaultReader = new(new JsonSerializerOptions(JsonSerializerDefaults.General), int.MaxValue);

    internal WorkflowSchedules(WorkflowClient client, PayloadSerializer payloads, Func<string, WorkflowDefinition?> workflows, TimeProvider time)
    {
        _client = client;
        _payloads = payloads;
        _workflows = workflows;
        _time = time;
    }

    /// <summary>Creates the schedule <paramref name="scheduleId"/>, which starts <paramref name="action"/>'s workflow at the times of <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The ID, spec or policy is invalid, no workflow of that name is registered, or the input does not serialize.</exception>
    /// <exception cref="InvalidOperationException">A schedule with this ID exists.</exception>
    public Task<ScheduleDescription> CreateAsync(
        string scheduleId, ScheduleSpec spec, ScheduleAction action, ScheduleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var input = action.Input is { } value ? _payloads.Serialize(value, value.GetType(), $"the input of schedule '{scheduleId}'") : null;
        return CreateAsync(scheduleId, spec, action.WorkflowName, input, options, declared: false, cancellationToken);
    }

    internal async Task<ScheduleDescription> CreateAsync(
        string scheduleId, ScheduleSpec spec, string workflowName, string? inputJson, ScheduleOptions? options, bool declared, CancellationToken cancellationToken)
    {
        ScheduleIds.Validate(scheduleId);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(workflowName);
        spec.Validate();
        options ??= new ScheduleOptions();
        options.Policy.Validate();
        var workflow = _workflows(workflowName) ?? throw new ArgumentException(
            $"Schedule '{scheduleId}' would start workflow '{workflowName}', which this engine does not know. Register it (or check the name: [Workflow(Name = ...)] sets it).", nameof(workflowName));
        ReadsAs(scheduleId, workflow, inputJson);
        var now = _time.GetUtcNow().UtcDateTime;
        var state = new ScheduleState
        {
            ScheduleId = scheduleId,
            Spec = spec,
            Policy = options.Policy,
            WorkflowName = workflowName,
            InputJson = inputJson,
            Paused = options.Paused,
            Note = options.Note,
            Declared = declared,
            Cursor = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await _client.StartAsync<ScheduleState, object?>(WorkflowName, state,
                new StartWorkflowOptions { InstanceId = ScheduleIds.Instance(scheduleId), IdReusePolicy = WorkflowIdReusePolicy.AllowIfTerminal }, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowInstanceExistsException e)
        {
            throw new InvalidOperationException($"A schedule with the ID '{scheduleId}' exists already: change it with UpdateAsync, or delete it first.", e);
        }
        return state.Describe(now);
    }

    /// <summary>The schedule as it stands.</summary>
    /// <exception cref="ScheduleNotFoundException">No such schedule (or it was deleted).</exception>
    public async Task<ScheduleDescription> GetAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        ScheduleIds.Validate(scheduleId);
        WorkflowInstanceInfo info;
        try
        {
            info = await _client.GetStatusAsync(ScheduleIds.Instance(scheduleId), cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowInstanceNotFoundException e)
        {
            throw new ScheduleNotFoundException(scheduleId, e);
        }
        return Read(info) ?? throw new ScheduleNotFoundException(scheduleId, null);
    }

    /// <summary>Every schedule, ordered by ID.</summary>
    public Task<IReadOnlyList<ScheduleDescription>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAllAsync(_client, _payloads, cancellationToken);

    /// <summary>
    /// Every schedule <paramref name="inspector"/> sees, ordered by ID, read from what their instances publish (for tools
    /// that read a store or an API without an engine).
    /// </summary>
    /// <param name="inspector">Where the instances are read.</param>
    /// <param name="options">The JSON options the engine that wrote them used; the general defaults when null.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static Task<IReadOnlyList<ScheduleDescription>> ReadAllAsync(IWorkflowInspector inspector, JsonSerializerOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        return ReadAllAsync(inspector, Reader(options), cancellationToken);
    }

    private static async Task<IReadOnlyList<ScheduleDescription>> ReadAllAsync(IWorkflowInspector inspector, PayloadSerializer reader, CancellationToken cancellationToken)
    {
        var schedules = new List<ScheduleDescription>();
        string? token = null;
        do
        {
            var page = await inspector.QueryInstancesAsync(new WorkflowInstanceQuery
            {
                WorkflowName = WorkflowName,
                Status = WorkflowStatus.Running,
                PageSize = WorkflowInstanceQuery.MaxPageSize,
                ContinuationToken = token,
            }, cancellationToken).ConfigureAwait(false);
            schedules.AddRange(page.Instances.Select(instance => Describe(instance, reader)).OfType<ScheduleDescription>());
            token = page.ContinuationToken;
        }
        while (token is not null);
        schedules.Sort((a, b) => string.CompareOrdinal(a.ScheduleId, b.ScheduleId));
        return schedules;
    }

    /// <summary>Changes when the schedule runs (its times start again from now) and how it treats overlaps and missed runs; null leaves a part as it is.</summary>
    /// <exception cref="ArgumentException">The spec or policy is invalid.</exception>
    /// <exception cref="ScheduleNotFoundException">No such schedule.</exception>
    public Task<ScheduleDescription> UpdateAsync(string scheduleId, ScheduleSpec? spec = null, SchedulePolicy? policy = null, CancellationToken cancellationToken = default)
    {
        spec?.Validate();
        policy?.Validate();
        return SendAsync<ScheduleDescription>(scheduleId, ScheduleDefinition.Change, [spec, policy], cancellationToken);
    }

    /// <summary>Pauses the schedule: no run starts (not even a buffered one) until it is unpaused.</summary>
    /// <exception cref="ScheduleNotFoundException">No such schedule.</exception>
    public Task<ScheduleDescription> PauseAsync(string scheduleId, string? note = null, CancellationToken cancellationToken = default) =>
        SendAsync<ScheduleDescription>(scheduleId, ScheduleDefinition.Pause, [true, note], cancellationToken);

    /// <summary>Unpauses the schedule. The times that passed while it was paused are not made up: it goes on with the next one.</summary>
    /// <exception cref="ScheduleNotFoundException">No such schedule.</exception>
    public Task<ScheduleDescription> UnpauseAsync(string scheduleId, string? note = null, CancellationToken cancellationToken = default) =>
        SendAsync<ScheduleDescription>(scheduleId, ScheduleDefinition.Pause, [false, note], cancellationToken);

    /// <summary>Starts a run now (scheduled time: now), under <paramref name="overlap"/> or the schedule's own overlap policy; also while paused.</summary>
    /// <exception cref="ScheduleNotFoundException">No such schedule.</exception>
    public Task<ScheduleRun> TriggerAsync(string scheduleId, ScheduleOverlapPolicy? overlap = null, CancellationToken cancellationToken = default) =>
        SendAsync<ScheduleRun>(scheduleId, ScheduleDefinition.Trigger, [overlap], cancellationToken);

    /// <summary>
    /// Starts the runs of the scheduled times from <paramref name="from"/> to <paramref name="to"/> (both included, at
    /// most <see cref="MaxBackfillRuns"/>), in order, under <paramref name="overlap"/>. A time whose run exists already
    /// is reported as <see cref="ScheduleRunOutcome.AlreadyStarted"/>, not started again.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty, reversed, or holds more than <see cref="MaxBackfillRuns"/> times.</exception>
    /// <exception cref="ScheduleNotFoundException">No such schedule.</exception>
    public async Task<IReadOnlyList<ScheduleRun>> BackfillAsync(
        string scheduleId, DateTime from, DateTime to, ScheduleOverlapPolicy overlap = ScheduleOverlapPolicy.AllowAll, CancellationToken cancellationToken = default)
    {
        var schedule = await GetAsync(scheduleId, cancellationToken).ConfigureAwait(false);
        ValidateBackfill(scheduleId, schedule.Spec, from, to);
        return await SendAsync<IReadOnlyList<ScheduleRun>>(scheduleId, ScheduleDefinition.Backfill, [from.ToUniversalTime(), to.ToUniversalTime(), overlap], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the schedule: it starts no more runs; the runs it started go on.</summary>
    /// <exception cref="ScheduleNotFoundException">No such schedule.</exception>
    public async Task DeleteAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        await SendAsync<ScheduleDescription>(scheduleId, ScheduleDefinition.Delete, [], cancellationToken).ConfigureAwait(false);
        await _client.WaitForCompletionAsync(ScheduleIds.Instance(scheduleId), cancellationToken).ConfigureAwait(false);
    }

    // A run must be able to read its input: a mismatch found now is an error at the call, not a failed run at 3 a.m.
    private void ReadsAs(string scheduleId, WorkflowDefinition workflow, string? inputJson)
    {
        try
        {
            _payloads.Deserialize(inputJson, workflow.InputType, $"the input of schedule '{scheduleId}'");
        }
        catch (PayloadException e)
        {
            throw new ArgumentException($"Schedule '{scheduleId}' would start workflow '{workflow.Name}' with an input it cannot read as its {workflow.InputType.Name}: {e.Message}", nameof(inputJson), e);
        }
    }

    internal static void ValidateBackfill(string scheduleId, ScheduleSpec spec, DateTime from, DateTime to)
    {
        if (to < from) throw new ArgumentException($"The backfill of schedule '{scheduleId}' ends ({to:O}) before it starts ({from:O}).", nameof(to));
        var count = ScheduleWorkflow.BackfillTimes(spec, from, to).Count;
        if (count == 0) throw new ArgumentException($"Schedule '{scheduleId}' has no scheduled time from {from:O} to {to:O}.", nameof(from));
        if (count > MaxBackfillRuns)
            throw new ArgumentException($"The backfill of schedule '{scheduleId}' from {from:O} to {to:O} holds more than {MaxBackfillRuns} scheduled times; split it into shorter ranges.", nameof(to));
    }

    private async Task<TResult> SendAsync<TResult>(string scheduleId, string update, IReadOnlyList<object?> args, CancellationToken cancellationToken)
    {
        ScheduleIds.Validate(scheduleId);
        var instanceId = ScheduleIds.Instance(scheduleId);
        try
        {
            return await _client.UpdateAsync<TResult>(instanceId, update, args, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowInstanceNotFoundException e)
        {
            throw new ScheduleNotFoundException(scheduleId, e);
        }
        catch (WorkflowException e) when (e.GetType() == typeof(WorkflowException))
        {
            // The instance ended: the schedule was deleted (before or while this was sent).
            var info = await _client.GetStatusAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (info.Status != WorkflowStatus.Running) throw new ScheduleNotFoundException(scheduleId, e);
            throw;
        }
    }

    /// <summary>
    /// The schedule an instance of <see cref="WorkflowName"/> carries, read from what it publishes (for tools that read a
    /// store or an API without an engine); null for another workflow's instance or a schedule that ended (was deleted).
    /// </summary>
    /// <param name="instance">The instance, from <see cref="IWorkflowInspector"/>.</param>
    /// <param name="options">The JSON options the engine that wrote it used; the general defaults when null.</param>
    /// <exception cref="PayloadException">What it published does not read as a schedule.</exception>
    public static ScheduleDescription? Describe(WorkflowInstanceInfo instance, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Describe(instance, Reader(options));
    }

    private static ScheduleDescription? Describe(WorkflowInstanceInfo instance, PayloadSerializer payloads)
    {
        if (instance.WorkflowName != WorkflowName || instance.Status != WorkflowStatus.Running) return null;
        if (instance.CustomStatusJson is { } published) return payloads.Deserialize<ScheduleDescription>(published, $"the description of schedule instance '{instance.InstanceId}'");
        // Created, but its first execution has not published yet: its input says what it is.
        var state = payloads.Deserialize<ScheduleState>(instance.InputJson, $"the input of schedule instance '{instance.InstanceId}'");
        return state.Describe(state.Cursor);
    }

    private static PayloadSerializer Reader(JsonSerializerOptions? options) => options is null ? DefaultReader : new PayloadSerializer(options, int.MaxValue);

    private ScheduleDescription? Read(WorkflowInstanceInfo info) => Describe(info, _payloads);
}
