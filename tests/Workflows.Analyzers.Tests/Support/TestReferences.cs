using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Workflows.Analyzers.Tests.Support;

/// <summary>
/// Compiles test sources against the running framework and the Workflows runtime, offline: no reference pack is
/// downloaded.
/// </summary>
public static class TestReferences
{
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> Framework =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
    ];

    public static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(Workflow).Assembly.Location);

    public static readonly MetadataReference Logging = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location);
}
