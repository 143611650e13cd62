using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Diagnostics;
using Workflows.Generator.Emitting;
using Workflows.Generator.Helpers;
using Workflows.Generator.Model;

namespace Workflows.Generator.Parsing;

/// <summary>
/// Reads the [Schedule] attributes of a workflow method. What can be checked without the runtime's cron parser is
/// checked here (a workflow with an input, cron or interval, the field count, distinct IDs); the engine checks the rest
/// when it starts.
/// </summary>
internal static class ScheduleParser
{
    private const string AttributeName = "Workflows.ScheduleAttribute";

    public static EquatableArray<ScheduleModel> Parse(IMethodSymbol method, string workflowName, List<DiagnosticInfo> diagnostics)
    {
        var schedules = new List<ScheduleModel>();
        var ids = new HashSet<string>();
        foreach (var attribute in method.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == AttributeName))
        {
            var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();
            var cron = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            var id = attribute.Named<string>("Id") ?? workflowName;
            var problem = Problem(method, cron, attribute.Named<int>("IntervalSeconds"))
                ?? (ids.Add(id) ? null : $"another [Schedule] of it has the ID '{id}' already; set Id on each");
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSchedule, location, workflowName, problem));
                continue;
            }
            var assignments = attribute.NamedArguments.Select(named => $"{named.Key} = {Literal(named.Value)}").ToEquatableArray();
            schedules.Add(new ScheduleModel(cron, assignments));
        }
        return schedules.ToEquatableArray();
    }

    private static string? Problem(IMethodSymbol method, string? cron, int intervalSeconds)
    {
        if (method.Parameters.Any(p => !p.Type.IsCancellationToken()))
            return "the workflow takes an input and a declared schedule starts its runs without one; create the schedule with WorkflowSchedules.CreateAsync and an input instead";
        if (cron is null && intervalSeconds <= 0)
            return "give it a cron expression, [Schedule(\"0 3 * * *\")], or an interval, [Schedule(IntervalSeconds = 60)]";
        if (cron is not null && intervalSeconds > 0)
            return "it has both a cron expression and IntervalSeconds; give one of them";
        if (cron is not null && Fields(cron) is not (5 or 6) and var fields)
            return $"the cron expression '{cron}' has {fields} fields; write five (minute hour day-of-month month day-of-week) or six with seconds first";
        return null;
    }

    private static int Fields(string cron)
    {
        var fields = 0;
        var inField = false;
        foreach (var c in cron)
        {
            if (c == ' ') inField = false;
            else if (!inField)
            {
                inField = true;
                fields++;
            }
        }
        return fields;
    }

    private static string Literal(TypedConstant value) => value.Value switch
    {
        null => "null",
        string text => GeneratedCode.Literal(text),
        bool flag => flag ? "true" : "false",
        _ when value.Kind == TypedConstantKind.Enum => $"({value.Type!.Qualified()}){System.Convert.ToInt64(value.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}",
        _ => System.Convert.ToString(value.Value, CultureInfo.InvariantCulture)!,
    };
}
