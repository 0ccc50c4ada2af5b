using System.Diagnostics;

namespace PaiImage.Benchmarks;

/// <summary>Runs the emulator next to the benchmark: <c>dotnet PaiImage.Emulator.dll --port 0 --endpoint-file F</c>.</summary>
internal static class EmulatorProcess
{
    private static readonly HttpClient Admin = new();

    public static async Task<(Process Process, Uri Endpoint)> StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PaiImage.Emulator.dll");
        var endpointFile = Path.Combine(Path.GetTempPath(), $"pai-bench-emulator-{Environment.ProcessId}.url");
        File.Delete(endpointFile);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--port", "0", "--endpoint-file", endpointFile, "--quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the emulator");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var waited = 0; waited < 300; waited++)
        {
            if (File.Exists(endpointFile) && File.ReadAllText(endpointFile).Trim() is { Length: > 0 } endpoint)
            {
                return (process, new Uri(endpoint));
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        Stop(process);
        throw new InvalidOperationException($"the emulator ({dll}) wrote no endpoint to {endpointFile}");
    }

    public static void Reset(Uri endpoint)
    {
        using var response = Admin.PostAsync(new Uri(endpoint, "/_emulator/reset"), null).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    public static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }
}
