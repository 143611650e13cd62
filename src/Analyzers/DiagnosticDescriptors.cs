using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Workflows.Analyzers;

/// <summary>
/// Every rule the analyzers report, each written once. Workflow-code rules come in two forms with one ID, the second
/// derived from the first (<see cref="WorkflowCodeRule.From"/>): reported where workflow code itself breaks the rule,
/// and (at compilation end, naming the call chain) where a method it calls does.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Determinism = "Workflows.Determinism";
    private const string Identity = "Workflows.Identity";
    private const string Interaction = "Workflows.Interaction";
    private const string Help = RuleIdentifiers.HelpBase;

    private static readonly DiagnosticDescriptor WallClockDescriptor = new(RuleIdentifiers.WallClock, "Machine clock in workflow code",
        "'{0}' reads the machine clock, which moves on between the original run and a replay; use {1}{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.WallClock + ".md");

    public static readonly WorkflowCodeRule WallClock = WorkflowCodeRule.From(WallClockDescriptor);

    private static readonly DiagnosticDescriptor NewGuidDescriptor = new(RuleIdentifiers.NewGuid, "Random GUID in workflow code",
        "'{0}' returns a different GUID on replay; use {1}{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.NewGuid + ".md");

    public static readonly WorkflowCodeRule NewGuid = WorkflowCodeRule.From(NewGuidDescriptor);

    private static readonly DiagnosticDescriptor RandomDescriptor = new(RuleIdentifiers.Random, "Unseeded randomness in workflow code",
        "'{0}' yields different numbers on replay; use {1}{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.Random + ".md");

    public static readonly WorkflowCodeRule Random = WorkflowCodeRule.From(RandomDescriptor);

    private static readonly DiagnosticDescriptor DelayDescriptor = new(RuleIdentifiers.Delay, "Non-durable wait in workflow code",
        "'{0}' waits in memory: a restart forgets it and replay waits again; use {1}{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.Delay + ".md");

    public static readonly WorkflowCodeRule Delay = WorkflowCodeRule.From(DelayDescriptor);

    private static readonly DiagnosticDescriptor EnvironmentDescriptor = new(RuleIdentifiers.Environment, "Process or machine state in workflow code",
        "'{0}' reads state of this process or machine, which differs on replay; read it in a [Step]{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.Environment + ".md");

    public static readonly WorkflowCodeRule Environment = WorkflowCodeRule.From(EnvironmentDescriptor);

    private static readonly DiagnosticDescriptor InputOutputDescriptor = new(RuleIdentifiers.InputOutput, "I/O in workflow code",
        "'{0}' does I/O, whose result is not journaled and may differ on replay; move it into a [Step]{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.InputOutput + ".md");

    public static readonly WorkflowCodeRule InputOutput = WorkflowCodeRule.From(InputOutputDescriptor);

    private static readonly DiagnosticDescriptor ThreadingDescriptor = new(RuleIdentifiers.Threading, "Thread or thread-pool work in workflow code",
        "'{0}' runs code off the workflow's scheduler, where durable calls fail and ordering is lost; await durable calls directly and combine them with Task.WhenAll{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.Threading + ".md");

    public static readonly WorkflowCodeRule Threading = WorkflowCodeRule.From(ThreadingDescriptor);

    private static readonly DiagnosticDescriptor NonDurableAwaitDescriptor = new(RuleIdentifiers.NonDurableAwait, "Awaiting a non-durable task in workflow code",
        "Awaiting '{0}' is not durable: its result is not journaled and when it completes is not replayed; call it in a [Step]{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.NonDurableAwait + ".md");

    public static readonly WorkflowCodeRule NonDurableAwait = WorkflowCodeRule.From(NonDurableAwaitDescriptor);

    private static readonly DiagnosticDescriptor MutableStaticDescriptor = new(RuleIdentifiers.MutableStatic, "Mutable static state in workflow code",
        "'{0}' is mutable static state, which differs between processes and between replays; pass the value as workflow input or read it in a [Step]{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.MutableStatic + ".md");

    public static readonly WorkflowCodeRule MutableStatic = WorkflowCodeRule.From(MutableStaticDescriptor);

    private static readonly DiagnosticDescriptor ConfigureAwaitDescriptor = new(RuleIdentifiers.ConfigureAwait, "ConfigureAwait(false) in workflow code",
        "'ConfigureAwait(false)' moves the rest of the workflow off its scheduler, where durable calls fail; remove it from workflow code{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.ConfigureAwait + ".md");

    public static readonly WorkflowCodeRule ConfigureAwait = WorkflowCodeRule.From(ConfigureAwaitDescriptor);

    private static readonly DiagnosticDescriptor UnorderedIterationDescriptor = new(RuleIdentifiers.UnorderedIteration, "Unordered collection drives durable calls",
        "Iterating '{0}' ({1}) has no guaranteed order, so the durable calls inside may get other operation IDs in another process; order it first (OrderBy) or iterate an ordered collection{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.UnorderedIteration + ".md");

    public static readonly WorkflowCodeRule UnorderedIteration = WorkflowCodeRule.From(UnorderedIterationDescriptor);

    private static readonly DiagnosticDescriptor UnobservedDurableCallDescriptor = new(RuleIdentifiers.UnobservedDurableCall, "Durable call neither awaited nor stored",
        "The durable call '{0}' is neither awaited nor stored: the workflow may finish or fail before it, and its failure goes unseen; await it, or keep the task and await it later{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.UnobservedDurableCall + ".md");

    public static readonly WorkflowCodeRule UnobservedDurableCall = WorkflowCodeRule.From(UnobservedDurableCallDescriptor);

    private static readonly DiagnosticDescriptor LockingDescriptor = new(RuleIdentifiers.Locking, "Lock in workflow code",
        "'{0}' synchronizes threads, but workflow code runs on one scheduler and a lock held across an await blocks replay; remove it, or lock inside a [Step]{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.Locking + ".md");

    public static readonly WorkflowCodeRule Locking = WorkflowCodeRule.From(LockingDescriptor);

    private static readonly DiagnosticDescriptor HashCodeDescriptor = new(RuleIdentifiers.HashCode, "Process-dependent hash code in workflow code",
        "'{0}' differs from one process to the next, so a decision or an order built on it changes when the instance replays elsewhere; use {1}{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.HashCode + ".md");

    public static readonly WorkflowCodeRule HashCode = WorkflowCodeRule.From(HashCodeDescriptor);

    private static readonly DiagnosticDescriptor HashOrderDescriptor = new(RuleIdentifiers.HashOrder, "Order of an unordered collection observed",
        "{0} depends on the order of a {1}, which is not guaranteed and can differ in another process, so what the workflow decides from it can change on replay; order it first (OrderBy) or use an ordered collection{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.HashOrder + ".md");

    public static readonly WorkflowCodeRule HashOrder = WorkflowCodeRule.From(HashOrderDescriptor);

    private static readonly DiagnosticDescriptor UnretiredRaceDescriptor = new(RuleIdentifiers.UnretiredRace, "Event wait raced without a way to retire it",
        "The wait for event {0} races in WhenAny with neither a timeout nor a cancellation token: when it loses, it stays registered and takes a later {0} event as soon as no newer wait of that name is pending; pass a CancellationToken and cancel it after the race, or give the wait a timeout{2}",
        Determinism, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.UnretiredRace + ".md");

    public static readonly WorkflowCodeRule UnretiredRace = WorkflowCodeRule.From(UnretiredRaceDescriptor);

    private static readonly DiagnosticDescriptor ConstantChildIdInLoopDescriptor = new(RuleIdentifiers.ConstantChildIdInLoop, "Constant child instance ID inside a loop",
        "The constant child instance ID \"{0}\" is used inside a loop: the second iteration collides with the first child; derive the ID from the loop variable{2}",
        Identity, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.ConstantChildIdInLoop + ".md");

    public static readonly WorkflowCodeRule ConstantChildIdInLoop = WorkflowCodeRule.From(ConstantChildIdInLoopDescriptor);

    /// <summary>Reported as an error on client start APIs and, lowered to info, on explicit child-ID parameters.</summary>
    public static readonly DiagnosticDescriptor ReservedInstanceId = new(RuleIdentifiers.ReservedInstanceId,
        "Reserved marker in an instance ID",
        "Instance ID \"{0}\" {1}, which is reserved for derived child instance IDs; {2}",
        Identity, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.ReservedInstanceId + ".md");

    public static readonly DiagnosticDescriptor DuplicateStepName = new(RuleIdentifiers.DuplicateStepName,
        "Duplicate explicit step name",
        "Step name '{0}' is also used by '{1}': both steps would share operation IDs, so the journal cannot tell them apart; give each step its own name",
        Identity, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.DuplicateStepName + ".md", customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidDurableName = new(RuleIdentifiers.InvalidDurableName,
        "Invalid character in a durable name",
        "{0} name '{1}' contains {2}, which delimits operation IDs; use letters, digits, '-', '_' or '.'",
        Identity, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.InvalidDurableName + ".md");

    public static readonly DiagnosticDescriptor QueryHandler = new(RuleIdentifiers.QueryHandler,
        "Query handler that is not a pure read",
        "Query '{0}' {1}",
        Interaction, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.QueryHandler + ".md");

    public static readonly DiagnosticDescriptor SignalHandler = new(RuleIdentifiers.SignalHandler,
        "Signal handler that cannot be called as one",
        "Signal '{0}' {1}",
        Interaction, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: Help + RuleIdentifiers.SignalHandler + ".md");

    public static ImmutableArray<WorkflowCodeRule> WorkflowCodeRules { get; } =
    [
        WallClock, NewGuid, Random, Delay, Environment, InputOutput, Threading, NonDurableAwait, MutableStatic,
        ConfigureAwait, UnorderedIteration, UnobservedDurableCall, Locking, HashCode, HashOrder, UnretiredRace, ConstantChildIdInLoop,
    ];
}
