namespace Workflows.Hosting.Tests;

/// <summary>A fixture whose every test gets a fresh temporary directory, deleted afterwards.</summary>
public abstract class TempDirectoryTest
{
    protected string Directory { get; private set; } = null!;

    [SetUp]
    public void CreateDirectory()
    {
        Directory = Path.Combine(Path.GetTempPath(), "workflows-hosting-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
