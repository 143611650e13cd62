namespace Workflows.Analyzers;

/// <summary>The stable IDs of the rules; each has a page at docs/rules/{id}.md.</summary>
internal static class RuleIdentifiers
{
    public const string WallClock = "WF1001";
    public const string NewGuid = "WF1002";
    public const string Random = "WF1003";
    public const string Delay = "WF1004";
    public const string Environment = "WF1005";
    public const string InputOutput = "WF1006";
    public const string Threading = "WF1007";
    public const string NonDurableAwait = "WF1008";
    public const string MutableStatic = "WF1009";
    public const string ConfigureAwait = "WF1010";
    public const string UnorderedIteration = "WF1011";
    public const string UnobservedDurableCall = "WF1012";
    public const string Locking = "WF1013";
    public const string HashCode = "WF1014";
    public const string HashOrder = "WF1015";
    public const string UnretiredRace = "WF1016";
    public const string ReservedInstanceId = "WF2001";
    public const string DuplicateStepName = "WF2002";
    public const string InvalidDurableName = "WF2003";
    public const string ConstantChildIdInLoop = "WF2004";
    public const string QueryHandler = "WF4001";
    public const string SignalHandler = "WF4002";

    /// <summary>Where the rule pages live; a rule's help link is this plus "{id}.md".</summary>
    public const string HelpBase = Shared.RepositoryInfo.RulesHelpBase;
}
