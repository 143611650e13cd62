namespace Workflows.Generator.Tests.Scenarios;

/// <summary>Long waits for the time-skipping environment: a 30-day trial, a charge retried after an hour, a 7-day confirmation.</summary>
public sealed class SubscriptionWorkflows
{
    [Workflow]
    public async Task<string> Subscribe(string customer)
    {
        await Workflow.DelayAsync(TimeSpan.FromDays(30));
        var receipt = await Charge(customer);
        string confirmation;
        try
        {
            confirmation = await Workflow.WaitForEventAsync<string>("confirm", TimeSpan.FromDays(7));
        }
        catch (EventTimeoutException)
        {
            confirmation = "unconfirmed";
        }
        return $"{receipt}:{confirmation}:{Workflow.UtcNow:yyyy-MM-dd HH:mm}";
    }

    // Declined twice, then paid: three attempts an hour apart.
    [Step(MaxAttempts = 3, InitialBackoffMilliseconds = 3_600_000, BackoffCoefficient = 1, MaxBackoffMilliseconds = 3_600_000)]
    private static Task<string> Charge(string customer) =>
        Workflow.Step.Attempt < 3 ? throw new InvalidOperationException($"card of {customer} declined") : Task.FromResult($"paid-{customer}");
}
