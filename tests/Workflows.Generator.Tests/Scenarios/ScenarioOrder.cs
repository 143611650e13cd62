namespace Workflows.Generator.Tests.Scenarios;

public sealed record ScenarioOrder(string Sku, int Quantity);
