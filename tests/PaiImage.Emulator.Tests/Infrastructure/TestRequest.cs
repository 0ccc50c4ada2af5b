using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace PaiImage.Emulator.Tests.Infrastructure;

/// <summary>One API request: signed by <see cref="Sign"/>, then freely tamperable before <see cref="SendAsync"/>.</summary>
internal sealed class TestRequest(string method, string path, string action)
{
    public string Method { get; set; } = method;

    /// <summary>Path exactly as sent on the wire (already percent-encoded).</summary>
    public string Path { get; set; } = path;

    /// <summary>Query string exactly as sent on the wire (no '?').</summary>
    public string Query { get; set; } = "";

    public string Action { get; set; } = action;

    public byte[] Body { get; set; } = [];

    public string ContentType { get; set; } = "application/json; charset=utf-8";

    /// <summary>Headers sent (lowercase names), including Host and Authorization after signing.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.Ordinal);

    public string StringToSign { get; private set; } = "";

    public TestRequest WithQuery(params (string Name, string Value)[] parameters)
    {
        Query = TestSigner.CanonicalQuery(parameters);
        return this;
    }

    public TestRequest WithJson(string json)
    {
        Body = Encoding.UTF8.GetBytes(json);
        return this;
    }

    public TestRequest Sign(EmulatorCredential credential, string host, DateTimeOffset date, string? nonce = null, string version = "2021-02-04")
    {
        Headers.Clear();
        Headers["host"] = host;
        Headers["x-acs-action"] = Action;
        Headers["x-acs-version"] = version;
        Headers["x-acs-date"] = date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Headers["x-acs-signature-nonce"] = nonce ?? Guid.NewGuid().ToString("N");
        Headers["x-acs-content-sha256"] = TestSigner.Hash(Body);
        if (Body.Length > 0)
        {
            Headers["content-type"] = ContentType;
        }

        if (credential.SecurityToken is not null)
        {
            Headers["x-acs-security-token"] = credential.SecurityToken;
            Headers["x-acs-accesskey-id"] = credential.AccessKeyId;
        }

        var canonical = TestSigner.CanonicalRequest(Method, Path, Query, Headers, TestSigner.Hash(Body));
        StringToSign = TestSigner.StringToSign(canonical);
        var signedHeaders = string.Join(';', Headers.Keys.Order(StringComparer.Ordinal));
        Headers["authorization"] = $"ACS3-HMAC-SHA256 Credential={credential.AccessKeyId},SignedHeaders={signedHeaders},Signature={TestSigner.Signature(credential.AccessKeySecret, StringToSign)}";
        return this;
    }

    public async Task<TestResponse> SendAsync(HttpClient client, Uri endpoint)
    {
        using var message = ToMessage(endpoint);
        using var response = await client.SendAsync(message);
        return await TestResponse.ReadAsync(response);
    }

    public HttpRequestMessage ToMessage(Uri endpoint)
    {
        var target = Path + (Query.Length > 0 ? "?" + Query : "");
        var uri = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(Method), uri);
        if (Body.Length > 0 || Method is "POST" or "PUT")
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = null;
        }

        foreach (var (name, value) in Headers)
        {
            switch (name)
            {
                case "host":
                    message.Headers.Host = value;
                    break;
                case "content-type":
                    message.Content ??= new ByteArrayContent([]);
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                    break;
                default:
                    message.Headers.TryAddWithoutValidation(name, value);
                    break;
            }
        }

        return message;
    }
}
