namespace Workflows.Cli.Tests;

/// <summary>A fixture whose every test gets a fresh temporary directory, deleted afterwards.</summary>
public abstract class TempDirectoryTest
{
    protected string TestDirectory { get; private set; } = null!;

    [SetUp]
    public void CreateDirectory()
    {
        TestDirectory = Path.Combine(Path.GetTempPath(), "workflows-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(TestDirectory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        try { Directory.Delete(TestDirectory, recursive: true); } catch (IOException) { }
    }
}
