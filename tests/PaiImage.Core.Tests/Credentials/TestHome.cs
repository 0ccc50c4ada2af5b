using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PaiImage.Core.Credentials;

namespace PaiImage.Core.Tests.Credentials;

/// <summary>A throw-away home folder plus injected environment, clock and logger for one chain.</summary>
public sealed class TestHome : IDisposable
{
    public TestHome() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pai-cred-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string> Env { get; } = [];

    public FakeClock Clock { get; } = new();

    public ListLogger Logger { get; } = new();

    /// <summary>Nothing listens there, so a metadata probe fails at once (like off ECS).</summary>
    public Uri MetadataEndpoint { get; set; } = new($"http://127.0.0.1:{ClosedPort()}/");

    public Uri? StsEndpoint { get; set; }

    public string? ProfileName { get; set; }

    public Func<HttpMessageHandler> HttpHandlerFactory { get; set; } = () => new SocketsHttpHandler { UseProxy = false };

    public string CliConfigPath => Path.Combine(Root, ".aliyun", "config.json");

    public string IniPath => Path.Combine(Root, ".alibabacloud", "credentials");

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void WriteCliConfig(string json) => WriteFile(Path.Combine(".aliyun", "config.json"), json);

    public void WriteIni(string text) => WriteFile(Path.Combine(".alibabacloud", "credentials"), text);

    public CredentialChainOptions Options() => new()
    {
        ProfileName = ProfileName,
        GetEnvironmentVariable = name => Env.GetValueOrDefault(name),
        HomeDirectory = Root,
        StsEndpoint = StsEndpoint,
        MetadataEndpoint = MetadataEndpoint,
        TimeProvider = Clock,
        HttpHandlerFactory = HttpHandlerFactory,
        MetadataHandlerFactory = () => new SocketsHttpHandler { UseProxy = false },
        MetadataTimeout = TimeSpan.FromSeconds(30),
        Logger = Logger,
    };

    public DefaultCredentialChain Chain() => new(Options());

    public IEnumerable<string> LogMessages => Logger.Lines.Select(l => l.Message);

    public IEnumerable<string> Warnings => Logger.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
