namespace Workflows.Analyzers.Tests.Support;

/// <summary>Files of this repository, found from the test assembly's location.</summary>
public static class RepositoryFiles
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflows.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Workflows.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root(), .. path]));
}
