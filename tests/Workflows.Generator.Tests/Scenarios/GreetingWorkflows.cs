namespace Workflows.Generator.Tests.Scenarios;

public interface IGreeter
{
    string Greet(string name);
}

/// <summary>A workflow class built with a constructor dependency from the engine's services.</summary>
public sealed class GreetingWorkflows(IGreeter greeter)
{
    [Workflow]
    public async Task<string> Greet(string name) => await Compose(name);

    [Step]
    private Task<string> Compose(string name) => Task.FromResult(greeter.Greet(name));
}
