using System.Diagnostics;

namespace Workflows.Runtime.Tests.Crash;

/// <summary>
/// A real full disk: the LiteDB file lives on a small tmpfs that a filler file fills while a worker process runs.
/// Needs permission to mount (root on Linux); elsewhere the test is skipped and the store-wrapper variant in
/// HostileConditionsTests stands in.
/// </summary>
[Platform("Linux")]
public sealed class DiskFullTests
{
    private string _mount = null!;
    private string _directory = null!;

    [SetUp]
    public void MountSmallDisk()
    {
        _directory = Path.Combine(Path.GetTempPath(), "workflows-diskfull-" + Guid.NewGuid().ToString("N"));
        _mount = Path.Combine(_directory, "disk");
        Directory.CreateDirectory(_mount);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", _mount);
        if (code != 0) Workflows.PostgreSql.Tests.MissingPrerequisite.Skip($"Cannot mount a tmpfs here ({output.Trim()}); HostileConditionsTests covers write failures with a store wrapper.");
    }

    [TearDown]
    public void Unmount()
    {
        Run("umount", "-l", _mount);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task A_full_disk_fails_the_write_clearly_loses_nothing_and_the_next_process_finishes_once_space_returns()
    {
        var database = Path.Combine(_mount, "checkpoints.db");
        var filler = Path.Combine(_mount, "filler.bin");
        var ledger = Path.Combine(_directory, "ledger.txt");

        var first = TestHostProcess.RunAsync("DiskFull", database, ledger, crashPoint: "hold");
        for (var i = 0; i < 3000 && !(File.Exists(ledger) && File.ReadAllText(ledger).Contains("/Chunk#2 1", StringComparison.Ordinal)); i++) await Task.Delay(10);
        Fill(filler);
        await File.WriteAllTextAsync(ledger + ".go", "");

        var full = await first;
        Assert.That(full.ExitCode, Is.EqualTo(3), full.Output + full.Errors);
        Assert.That(full.Output, Does.Contain("STALLED").And.Contain(database).And.Contain("No space left"), "the failure names the file and the cause");

        File.Delete(filler);
        var next = await TestHostProcess.RunAsync("DiskFull", database, ledger);
        Assert.That(next.Result, Is.EqualTo("RESULT Completed 1200000"), next.Output + next.Errors);
        var lines = await File.ReadAllLinesAsync(ledger);
        Assert.That(lines.Count(l => l == "/Chunk#1 1"), Is.EqualTo(1), "the result that was durable before the disk filled never ran again");
    }

    /// <summary>Takes all the free space but about 100 KB.</summary>
    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var block = new byte[64 * 1024];
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException)
        {
            // Full.
        }
        file.SetLength(Math.Max(0, file.Length - 100 * 1024));
    }

    private static (int Code, string Output) Run(string command, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
