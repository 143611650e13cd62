namespace Workflows;

/// <summary>
/// How the engine runs one workflow: its durable name, its input and output types, and how to build the
/// workflow object and call the method. Generated code creates these; they can also be written by hand.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Func<IServiceProvider?, object?, Task<object?>> _invoke;

    private WorkflowDefinition(string name, Type inputType, Type outputType, WorkflowManifest? manifest, Func<IServiceProvider?, object?, Task<object?>> invoke)
    {
        WorkflowNames.Validate(name);
        Name = name;
        InputType = inputType;
        OutputType = outputType;
        Manifest = manifest;
        _invoke = invoke;
    }

    /// <summary>The durable workflow name.</summary>
    public string Name { get; }

    /// <summary>The type the input is stored and read as.</summary>
    public Type InputType { get; }

    /// <summary>The type of the result.</summary>
    public Type OutputType { get; }

    /// <summary>The durable call sites the generator found in the workflow method; null for hand-written definitions.</summary>
    public WorkflowManifest? Manifest { get; }

    /// <summary>
    /// A workflow that is a method of <typeparamref name="TWorkflow"/>. <paramref name="factory"/> builds the object
    /// for each run, from the engine's <see cref="IServiceProvider"/> when one is configured. A <paramref name="manifest"/>
    /// lets resumed instances detect incompatible code changes before replay.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by workflow shape (an object's method or a plain delegate), chosen by the arguments; not versions of one method.")]
    public static WorkflowDefinition Create<TWorkflow, TInput, TOutput>(
        string name, Func<IServiceProvider?, TWorkflow> factory, Func<TWorkflow, TInput, Task<TOutput>> run, WorkflowManifest? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(run);
        return new WorkflowDefinition(name, typeof(TInput), typeof(TOutput), manifest,
            async (services, input) => await run(factory(services), (TInput)input!).ConfigureAwait(true));
    }

    /// <summary>A workflow that is a delegate needing no object.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by workflow shape (an object's method or a plain delegate), chosen by the arguments; not versions of one method.")]
    public static WorkflowDefinition Create<TInput, TOutput>(string name, Func<TInput, Task<TOutput>> run, WorkflowManifest? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new WorkflowDefinition(name, typeof(TInput), typeof(TOutput), manifest,
            async (_, input) => await run((TInput)input!).ConfigureAwait(true));
    }

    internal Task<object?> InvokeAsync(IServiceProvider? services, object? input) => _invoke(services, input);
}
