using System.Net.Http.Headers;
using System.Text;
using PaiImage.Core.Http;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Operations;

/// <summary>
/// Builds one AIWorkspace request: method, path with each parameter percent-encoded on its own, query of the
/// non-null parameters, the action and version headers, and the JSON body if any.
/// </summary>
internal sealed class PaiRequestBuilder(string action, HttpMethod method)
{
    private readonly StringBuilder _path = new();
    private readonly List<KeyValuePair<string, string>> _query = [];
    private byte[]? _body;
    private bool _sentAtMostOnce;

    public string Action => action;

    /// <summary>A literal path part such as <c>/api/v1/images</c>.</summary>
    public PaiRequestBuilder Path(string literal)
    {
        _path.Append(literal);
        return this;
    }

    /// <summary>A path parameter; it becomes one encoded segment whatever characters it holds.</summary>
    public PaiRequestBuilder Segment(string value)
    {
        _path.Append('/').Append(PercentEncoding.Encode(value));
        return this;
    }

    public PaiRequestBuilder Query(string name, string? value)
    {
        if (value is not null)
        {
            _query.Add(new(name, value));
        }

        return this;
    }

    public PaiRequestBuilder Query(string name, int? value) =>
        Query(name, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public PaiRequestBuilder Query(string name, bool? value) => Query(name, value switch { true => "true", false => "false", null => null });

    public PaiRequestBuilder JsonBody(byte[] utf8Json)
    {
        _body = utf8Json;
        return this;
    }

    /// <summary>Marks a request that is not idempotent: the HTTP layer may only resend it when it surely was not processed.</summary>
    public PaiRequestBuilder SentAtMostOnce()
    {
        _sentAtMostOnce = true;
        return this;
    }

    public HttpRequestMessage Build()
    {
        var pathAndQuery = new StringBuilder().Append(_path);
        var separator = '?';
        foreach (var (name, value) in _query.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            pathAndQuery.Append(separator).Append(PercentEncoding.Encode(name)).Append('=').Append(PercentEncoding.Encode(value));
            separator = '&';
        }

        var request = new HttpRequestMessage(method, new Uri(pathAndQuery.ToString(), UriKind.Relative));
        request.Headers.Add("x-acs-action", action);
        request.Headers.Add("x-acs-version", PaiImageClient.ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_body is not null)
        {
            request.Content = new ByteArrayContent(_body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        request.Options.Set(RetryHandler.SentAtMostOnce, _sentAtMostOnce);
        return request;
    }
}
