using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Workflows.Analyzers.WorkflowCode;

namespace Workflows.Analyzers.Rules;

/// <summary>WF1006: files, HTTP, sockets, DNS, console input, starting processes.</summary>
internal sealed class InputOutputCheck : IWorkflowCodeCheck
{
    private static readonly ImmutableArray<string> FileSystemTypes =
    [
        "System.IO.File", "System.IO.Directory", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.FileStream",
        "System.IO.StreamReader", "System.IO.StreamWriter", "System.IO.DriveInfo", "System.Net.Http.HttpClient", "System.Net.Dns",
        "System.Net.WebClient",
    ];

    public ImmutableArray<OperationKind> Kinds { get; } = [OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference];

    public static bool IsInputOutput(ISymbol member)
    {
        var type = member.ContainingType;
        if (type is null) return false;
        if (FileSystemTypes.Any(name => Api.Is(type, name))) return member is not IMethodSymbol { MethodKind: MethodKind.Constructor } || !Api.Is(type, "System.Net.Http.HttpClient");
        if (Api.InNamespace(type, "System.Net.Sockets")) return true;
        if (Api.Is(type, "System.Console")) return member.Name is "Read" or "ReadLine" or "ReadKey" or "In" or "OpenStandardInput" or "KeyAvailable";
        return Api.Is(type, "System.Diagnostics.Process") && member.Name == "Start";
    }

    public void Check(IOperation operation, KnownTypes types, CodeFacts facts)
    {
        var member = operation switch
        {
            IInvocationOperation invocation => (ISymbol)invocation.TargetMethod,
            IObjectCreationOperation { Constructor: { } constructor } => constructor,
            IPropertyReferenceOperation reference => reference.Property,
            _ => null,
        };
        if (member is null || !IsInputOutput(member)) return;
        var name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? $"new {member.ContainingType.Name}(...)" : Api.Name(member);
        facts.Add(DiagnosticDescriptors.InputOutput, operation.Syntax.GetLocation(), name);
    }
}
