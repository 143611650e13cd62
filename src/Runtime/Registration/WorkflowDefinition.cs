namespace Workflows;

/// <summary>
/// How the engine runs one workflow: its durable name, its input and output types, and how to build the
/// workflow object and call the method. Generated code creates these; they can also be written by hand.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Func<IServiceProvider?, object?> _create;
    private readonly Func<object?, object?, Task<object?>> _run;
    private readonly Dictionary<string, WorkflowQuery> _queries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowSignal> _signals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowUpdate> _updates = new(StringComparer.Ordinal);
    private ScheduleAttribute[] _schedules = [];

    private WorkflowDefinition(
        string name, Type inputType, Type outputType, WorkflowManifest? manifest,
        Func<IServiceProvider?, object?> create, Func<object?, object?, Task<object?>> run, IEnumerable<WorkflowQuery>? queries, IEnumerable<WorkflowSignal>? signals,
        IEnumerable<WorkflowUpdate>? updates)
    {
        WorkflowNames.Validate(name);
        Name = name;
        InputType = inputType;
        OutputType = outputType;
        Manifest = manifest;
        _create = create;
        _run = run;
        AddHandlers(_queries, queries, q => q.Name, "queries", "Query", nameof(queries));
        AddHandlers(_signals, signals, h => h.Name, "signals", "Signal", nameof(signals));
        AddHandlers(_updates, updates, u => u.Name, "updates", "Update", nameof(updates));
    }

    /// <summary>The durable workflow name.</summary>
    public string Name { get; }

    /// <summary>The type the input is stored and read as.</summary>
    public Type InputType { get; }

    /// <summary>The type of the result.</summary>
    public Type OutputType { get; }

    /// <summary>The durable call sites the generator found in the workflow method; null for hand-written definitions.</summary>
    public WorkflowManifest? Manifest { get; }

    private void AddHandlers<T>(Dictionary<string, T> into, IEnumerable<T>? handlers, Func<T, string> nameOf, string kinds, string attribute, string parameter)
    {
        foreach (var handler in handlers ?? [])
        {
            if (!into.TryAdd(nameOf(handler), handler))
                throw new ArgumentException($"Workflow '{Name}' has two {kinds} named '{nameOf(handler)}'. Give one of them [{attribute}(Name = ...)].", parameter);
        }
    }

    /// <summary>The execution timeout of instances started without one of their own (<see cref="WorkflowAttribute.ExecutionTimeoutSeconds"/>).</summary>
    public TimeSpan? ExecutionTimeout { get; private init; }

    /// <summary>The run timeout of instances started without one of their own (<see cref="WorkflowAttribute.RunTimeoutSeconds"/>).</summary>
    public TimeSpan? RunTimeout { get; private init; }

    /// <summary>The queries of the workflow's class, by name.</summary>
    public IReadOnlyDictionary<string, WorkflowQuery> Queries => _queries;

    /// <summary>The signal handlers of the workflow's class, by name.</summary>
    public IReadOnlyDictionary<string, WorkflowSignal> Signals => _signals;

    /// <summary>The updates of the workflow's class, by name.</summary>
    public IReadOnlyDictionary<string, WorkflowUpdate> Updates => _updates;

    /// <summary>The schedules the workflow declares (see <see cref="ScheduleAttribute"/>); an engine keeps them in line at start.</summary>
    public IReadOnlyList<ScheduleAttribute> Schedules => _schedules;

    /// <summary>How often in a row an instance may be recovered without progress; null for the engine's <see cref="WorkflowEngineOptions.MaxRecoveryAttempts"/>.</summary>
    public int? MaxRecoveryAttempts { get; private set; }

    /// <summary>Sets <see cref="MaxRecoveryAttempts"/> and returns the definition. Generated code calls this for <see cref="WorkflowAttribute.MaxRecoveryAttempts"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRecoveryAttempts"/> is less than 1.</exception>
    public WorkflowDefinition WithMaxRecoveryAttempts(int maxRecoveryAttempts)
    {
        if (maxRecoveryAttempts < 1)
            throw new ArgumentOutOfRangeException(nameof(maxRecoveryAttempts), maxRecoveryAttempts, $"MaxRecoveryAttempts of workflow '{Name}' must be at least 1.");
        MaxRecoveryAttempts = maxRecoveryAttempts;
        return this;
    }

    /// <summary>Declares <paramref name="schedules"/> for this workflow and returns it. Generated code calls this for <see cref="ScheduleAttribute"/>s.</summary>
    /// <exception cref="InvalidOperationException">The workflow takes an input (a scheduled run has none to give), or it declares schedules already.</exception>
    public WorkflowDefinition WithSchedules(params ScheduleAttribute[] schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        if (InputType != typeof(object))
            throw new InvalidOperationException($"Workflow '{Name}' takes an input ({InputType.Name}), so it cannot declare a [Schedule]: a declared schedule starts runs without input. Create the schedule with WorkflowSchedules.CreateAsync and an input instead.");
        if (_schedules.Length > 0) throw new InvalidOperationException($"Workflow '{Name}' declares its schedules already.");
        _schedules = [.. schedules];
        return this;
    }

    /// <summary>
    /// A workflow that is a method of <typeparamref name="TWorkflow"/>. <paramref name="factory"/> builds the object
    /// for each run, from the engine's <see cref="IServiceProvider"/> when one is configured. A <paramref name="manifest"/>
    /// lets resumed instances detect incompatible code changes before replay; <paramref name="queries"/> read the
    /// object's state while it runs, <paramref name="signals"/> change it as messages arrive, and <paramref name="updates"/>
    /// run as workflow code at a client's request and return a result.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by workflow shape (an object's method or a plain delegate), chosen by the arguments; not versions of one method.")]
    public static WorkflowDefinition Create<TWorkflow, TInput, TOutput>(
        string name, Func<IServiceProvider?, TWorkflow> factory, Func<TWorkflow, TInput, Task<TOutput>> run, WorkflowManifest? manifest = null,
        IEnumerable<WorkflowQuery>? queries = null, IEnumerable<WorkflowSignal>? signals = null,
        IEnumerable<WorkflowUpdate>? updates = null, TimeSpan? executionTimeout = null, TimeSpan? runTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(run);
        return new WorkflowDefinition(name, typeof(TInput), typeof(TOutput), manifest,
            services => factory(services),
            async (workflow, input) => await run((TWorkflow)workflow!, (TInput)input!).ConfigureAwait(true),
            queries, signals, updates)
        {
            ExecutionTimeout = Positive(executionTimeout, nameof(executionTimeout), name),
            RunTimeout = Positive(runTimeout, nameof(runTimeout), name),
        };
    }

    private static TimeSpan? Positive(TimeSpan? timeout, string parameter, string name) =>
        timeout is { } value && value <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(parameter, value, $"The {parameter} of workflow '{name}' must be positive (or null for no limit).")
            : timeout;

    /// <summary>A workflow that is a delegate needing no object.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by workflow shape (an object's method or a plain delegate), chosen by the arguments; not versions of one method.")]
    public static WorkflowDefinition Create<TInput, TOutput>(
        string name, Func<TInput, Task<TOutput>> run, WorkflowManifest? manifest = null, TimeSpan? executionTimeout = null, TimeSpan? runTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new WorkflowDefinition(name, typeof(TInput), typeof(TOutput), manifest,
            _ => null,
            async (_, input) => await run((TInput)input!).ConfigureAwait(true),
            queries: null, signals: null, updates: null)
        {
            ExecutionTimeout = Positive(executionTimeout, nameof(executionTimeout), name),
            RunTimeout = Positive(runTimeout, nameof(runTimeout), name),
        };
    }

    /// <summary>The object a run's workflow code and queries share; null for a delegate workflow.</summary>
    internal object? CreateWorkflowObject(IServiceProvider? services) => _create(services);

    internal Task<object?> InvokeAsync(object? workflow, object? input) => _run(workflow, input);
}
