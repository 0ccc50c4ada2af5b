using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PaiImage.Core.Tests.Credentials;

/// <summary>
/// A loopback STS: checks AssumeRole's RPC V1 signature with its own implementation written from the protocol
/// text, answers AssumeRole / AssumeRoleWithOIDC with numbered temporary credentials.
/// </summary>
public sealed class FakeSts
{
    private int _issued;

    /// <summary>AccessKeyId → secret of every key allowed to sign (the test's AK and each issued STS key).</summary>
    public Dictionary<string, string> Secrets { get; } = [];

    public List<string> SignatureFailures { get; } = [];

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, the server answers this (status, JSON body) instead.</summary>
    public (int Status, string Body)? Failure { get; set; }

    public async Task HandleAsync(RecordedRequest request, HttpContext context)
    {
        if (Failure is { } failure)
        {
            context.Response.StatusCode = failure.Status;
            await context.Response.WriteAsync(failure.Body);
            return;
        }

        if (request.Query.GetValueOrDefault("Action") == "AssumeRole" && !SignatureIsValid(request))
        {
            SignatureFailures.Add(request.RawQuery);
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation.","RequestId":"R-SIG"}""");
            return;
        }

        var n = Interlocked.Increment(ref _issued);
        var id = $"STS.issued{n}";
        var secret = $"issued-secret-{n}";
        Secrets[id] = secret;
        var expiration = Clock.GetUtcNow().Add(Lifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["RequestId"] = $"R-{n}",
            ["Credentials"] = new Dictionary<string, string>
            {
                ["AccessKeyId"] = id,
                ["AccessKeySecret"] = secret,
                ["SecurityToken"] = $"issued-token-{n}",
                ["Expiration"] = expiration,
            },
        }));
    }

    private bool SignatureIsValid(RecordedRequest request)
    {
        if (!Secrets.TryGetValue(request.Query.GetValueOrDefault("AccessKeyId") ?? "", out var secret))
        {
            return false;
        }

        var parameters = request.Query.Concat(request.Form).Where(p => p.Key != "Signature");
        var canonical = string.Join("&", parameters
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
        var stringToSign = request.Method + "&" + Encode("/") + "&" + Encode(canonical);
#pragma warning disable CA5350 // The protocol under test is defined on HMAC-SHA1.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(secret + "&"));
#pragma warning restore CA5350
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        return expected == request.Query.GetValueOrDefault("Signature");
    }

    // RFC 3986: only A-Z a-z 0-9 - _ . ~ stay; everything else %XX upper case.
    private static string Encode(string value) =>
        Uri.EscapeDataString(value).Replace("!", "%21").Replace("'", "%27").Replace("(", "%28").Replace(")", "%29").Replace("*", "%2A");
}
