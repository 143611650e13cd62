using Workflows.Identity;
using Workflows.Storage;

namespace Workflows;

// Updates: sent to a running instance, or with its start.
public sealed partial class WorkflowClient
{
    /// <inheritdoc />
    public async Task<TResult> UpdateAsync<TResult>(
        string instanceId, string updateName, IReadOnlyList<object?>? args = null, string? updateId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updateName);
        args ??= [];
        if (updateId is not null) InstanceIds.ValidateShape(updateId, nameof(updateId));
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var definition = _engine.GetWorkflow(record.WorkflowName);
        var update = UpdateRequest.Find(definition, updateName, instanceId, typeof(TResult));
        update.CheckArguments(args, definition.Name);
        await _engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var id = updateId ?? MessageIds.New();
        var outcome = await new UpdateRequest(_engine, record, definition, update, id, repeatable: updateId is not null).RunAsync(args, cancellationToken).ConfigureAwait(false);
        if (outcome.Status == JournalEntryStatus.Failed)
            throw new WorkflowUpdateFailedException(instanceId, updateName, id, outcome.Error ?? new WorkflowError("Unknown", "No error was recorded.", null));
        return _engine.Serializer.Deserialize<TResult>(outcome.Result, $"result of update '{updateName}' of workflow instance '{instanceId}'");
    }

    /// <inheritdoc />
    public async Task<TResult> UpdateWithStartAsync<TInput, TResult>(
        string workflowName, TInput input, string updateName, IReadOnlyList<object?>? args = null, StartWorkflowOptions? options = null,
        string? updateId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updateName);
        args ??= [];
        if (options?.InstanceId is null)
            throw new ArgumentException($"Update-with-start of workflow '{workflowName}' needs an instance ID to start or attach to: set options.InstanceId.", nameof(options));
        var instanceId = options.InstanceId;
        var definition = _engine.GetWorkflow(workflowName);
        var update = UpdateRequest.Find(definition, updateName, instanceId, typeof(TResult));
        update.CheckArguments(args, definition.Name);
        var id = updateId ?? MessageIds.New();
        var placeholder = new InstanceRecord { InstanceId = instanceId, WorkflowName = definition.Name };
        var message = new UpdateRequest(_engine, placeholder, definition, update, id, repeatable: true).Message(args);
        // The instance is created with the update in its inbox, or the update is delivered to the one it attaches to.
        await StartCoreAsync(definition, input, options, message, cancellationToken).ConfigureAwait(false);
        var record = await GetRecordAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var outcome = await new UpdateRequest(_engine, record, definition, update, id, repeatable: true).RunAsync(args, cancellationToken).ConfigureAwait(false);
        if (outcome.Status == JournalEntryStatus.Failed)
            throw new WorkflowUpdateFailedException(instanceId, updateName, id, outcome.Error ?? new WorkflowError("Unknown", "No error was recorded.", null));
        return _engine.Serializer.Deserialize<TResult>(outcome.Result, $"result of update '{updateName}' of workflow instance '{instanceId}'");
    }
}
