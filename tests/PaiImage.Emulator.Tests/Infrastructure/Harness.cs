using System.Text.Json;

namespace PaiImage.Emulator.Tests.Infrastructure;

/// <summary>An in-process emulator plus a client that signs with its default AccessKey.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(EmulatorServer server, TimeProvider time)
    {
        Server = server;
        Time = time;
    }

    public EmulatorServer Server { get; }

    public TimeProvider Time { get; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public EmulatorCredential Credential { get; set; } = EmulatorCredential.DefaultAccessKey;

    public static async Task<Harness> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        return new Harness(await EmulatorServer.StartAsync(options), options.TimeProvider);
    }

    public TestRequest Signed(TestRequest request, EmulatorCredential? credential = null) =>
        request.Sign(credential ?? Credential, Server.HostAndPort, Time.GetUtcNow());

    public Task<TestResponse> SendAsync(TestRequest request) => request.SendAsync(Client, Server.Endpoint);

    public Task<TestResponse> CallAsync(string method, string path, string action, string? json = null, params (string, string)[] query)
    {
        var request = new TestRequest(method, path, action).WithQuery(query);
        if (json is not null)
        {
            request.WithJson(json);
        }

        return SendAsync(Signed(request));
    }

    public async Task<string> AddImageAsync(string name, string workspaceId = "ws-1", string? extra = null)
    {
        var json = $$"""{"Name":"{{name}}","ImageUri":"registry.example/ns/{{name}}:1.0","WorkspaceId":"{{workspaceId}}"{{(extra is null ? "" : "," + extra)}}}""";
        var response = (await CallAsync("POST", "/api/v1/images", "AddImage", json)).AssertOk();
        return response.Get("ImageId");
    }

    public async Task<List<string>> ListNamesAsync(params (string, string)[] query)
    {
        var response = (await CallAsync("GET", "/api/v1/images", "ListImages", null, query)).AssertOk();
        return response.Json.GetProperty("Images").EnumerateArray().Select(i => i.GetProperty("Name").GetString()!).ToList();
    }

    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, string? json = null)
    {
        using var message = new HttpRequestMessage(method, new Uri(Server.Endpoint, path));
        if (json is not null)
        {
            message.Content = new StringContent(json);
        }

        using var response = await Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.IsTrue(response.IsSuccessStatusCode, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
