using System.Net;
using System.Text.Json;

namespace PaiImage.Emulator.Tests.Infrastructure;

internal sealed record TestResponse(HttpStatusCode Status, JsonElement Json, string Text, Dictionary<string, string> Headers)
{
    public string? Code => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(nameof(Code), out var code) ? code.GetString() : null;

    public string Get(string property) => Json.GetProperty(property).ToString();

    public static async Task<TestResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
        return new TestResponse(response.StatusCode, json, text, headers);
    }

    public TestResponse AssertOk()
    {
        Assert.AreEqual(HttpStatusCode.OK, Status, Text);
        return this;
    }

    public TestResponse AssertError(int status, string code)
    {
        Assert.AreEqual(status, (int)Status, Text);
        Assert.AreEqual(code, Code, Text);
        return this;
    }
}
