using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Helpers;

namespace Workflows.Generator.Parsing;

/// <summary>Turns the named arguments of a [Step] attribute into StepOptions property assignments.</summary>
internal static class StepOptionsParser
{
    public static EquatableArray<string> Assignments(AttributeData step)
    {
        var assignments = new List<string>();
        foreach (var argument in step.NamedArguments.OrderBy(a => a.Key, System.StringComparer.Ordinal))
        {
            var value = argument.Value;
            switch (argument.Key)
            {
                case "MaxAttempts" when value.Value is int attempts:
                    assignments.Add($"MaxAttempts = {attempts.ToString(CultureInfo.InvariantCulture)}");
                    break;
                case "InitialBackoffMilliseconds" when value.Value is int initial:
                    assignments.Add($"InitialBackoff = global::System.TimeSpan.FromMilliseconds({initial.ToString(CultureInfo.InvariantCulture)})");
                    break;
                case "MaxBackoffMilliseconds" when value.Value is int max:
                    assignments.Add($"MaxBackoff = global::System.TimeSpan.FromMilliseconds({max.ToString(CultureInfo.InvariantCulture)})");
                    break;
                case "TimeoutMilliseconds" when value.Value is int timeout:
                    assignments.Add($"Timeout = global::System.TimeSpan.FromMilliseconds({timeout.ToString(CultureInfo.InvariantCulture)})");
                    break;
                case "HeartbeatTimeoutMilliseconds" when value.Value is int heartbeat:
                    assignments.Add($"HeartbeatTimeout = global::System.TimeSpan.FromMilliseconds({heartbeat.ToString(CultureInfo.InvariantCulture)})");
                    break;
                case "BackoffCoefficient" when value.Value is double coefficient:
                    assignments.Add($"BackoffCoefficient = {coefficient.ToString("R", CultureInfo.InvariantCulture)}d");
                    break;
                case "NonRetryableExceptions" when value.Kind == TypedConstantKind.Array && !value.IsNull:
                    var types = value.Values.Select(v => v.Value).OfType<ITypeSymbol>().Select(t => $"typeof({t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})");
                    assignments.Add($"NonRetryableExceptions = new global::System.Type[] {{ {string.Join(", ", types)} }}");
                    break;
            }
        }
        return assignments.ToEquatableArray();
    }
}
