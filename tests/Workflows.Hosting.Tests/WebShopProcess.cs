using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.Hosting.Tests;

/// <summary>The WebShop sample running as a real process on a free localhost port.</summary>
internal sealed class WebShopProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebShopProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<WebShopProcess> StartAsync(string database, params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", Assembly, "--urls", address.ToString(), $"--Workflows:StorePath={database}" }.Concat(settings))
            start.ArgumentList.Add(argument);
        var shop = new WebShopProcess(Process.Start(start)!, address);
        using var http = new HttpClient { BaseAddress = address };
        for (var i = 0; i < 300; i++)
        {
            if (shop._process.HasExited) throw new InvalidOperationException($"The WebShop exited at start:\n{shop.Output}");
            try
            {
                await http.GetAsync("/orders/none");
                return shop;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"The WebShop did not start listening:\n{shop.Output}");
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    private static string Assembly
    {
        get
        {
            // tests/Workflows.Hosting.Tests/bin/<Configuration>/<tfm>/ → samples/WebShop/bin/<Configuration>/<tfm>/
            var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = tests.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "samples", "WebShop", "bin", tests.Parent.Name, tests.Name, "WebShop.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The WebShop sample was not built at {path}.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
