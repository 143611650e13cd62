using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Workflows.Generator.Diagnostics;
using Workflows.Generator.Helpers;

namespace Workflows.Generator.Parsing;

/// <summary>Checks [Step] declarations: what the generator cannot turn into durable calls.</summary>
internal static class StepParser
{
    public static EquatableArray<DiagnosticInfo> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var method = (IMethodSymbol)context.TargetSymbol;
        var location = method.Locations.FirstOrDefault();
        var diagnostics = new List<DiagnosticInfo>();
        var shape = AsyncShapes.Of(method.ReturnType);
        if (shape is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, "step", method.Name, method.ReturnType.ToDisplayString()));
        }
        else if (AsyncShapes.ResultType(method.ReturnType, shape.Value) is { } result && SerializabilityCheck.Problem(result) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSerializable, location, "The result", method.Name, result.ToDisplayString(), problem));
        }
        if (MethodModels.UnsupportedReason(method) is { } reason)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedDeclaration, location, "Step", method.Name, reason));
        return diagnostics.ToEquatableArray();
    }
}
