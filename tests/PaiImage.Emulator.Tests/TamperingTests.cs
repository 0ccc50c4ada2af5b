using System.Text;
using PaiImage.Emulator.Tests.Infrastructure;

namespace PaiImage.Emulator.Tests;

/// <summary>Each way a signed request can be wrong is refused with the service's code.</summary>
[TestClass]
public sealed class TamperingTests
{
    private const string Body = """{"Name":"tamper","ImageUri":"registry.example/ns/tamper:1"}""";

    [TestMethod]
    [DataRow("body", 400, ErrorCodes.SignatureDoesNotMatch)]
    [DataRow("body-and-hash", 400, ErrorCodes.SignatureDoesNotMatch)]
    [DataRow("signed-header", 400, ErrorCodes.SignatureDoesNotMatch)]
    [DataRow("path", 400, ErrorCodes.SignatureDoesNotMatch)]
    [DataRow("query", 400, ErrorCodes.SignatureDoesNotMatch)]
    [DataRow("wrong-secret", 400, ErrorCodes.SignatureDoesNotMatch)]
    [DataRow("upper-case-signature", 400, ErrorCodes.SignatureDoesNotMatch)]
    [DataRow("unknown-key", 404, ErrorCodes.InvalidAccessKeyIdNotFound)]
    [DataRow("no-authorization", 400, ErrorCodes.IncompleteSignature)]
    [DataRow("other-algorithm", 400, ErrorCodes.IncompleteSignature)]
    [DataRow("unsigned-action", 400, ErrorCodes.IncompleteSignature)]
    [DataRow("unsigned-content-type", 400, ErrorCodes.IncompleteSignature)]
    [DataRow("unsigned-extra-acs-header", 400, ErrorCodes.IncompleteSignature)]
    [DataRow("missing-nonce", 400, ErrorCodes.IncompleteSignature)]
    [DataRow("missing-content-sha256", 400, ErrorCodes.IncompleteSignature)]
    [DataRow("old-date", 400, ErrorCodes.InvalidTimeStampExpired)]
    [DataRow("future-date", 400, ErrorCodes.InvalidTimeStampExpired)]
    [DataRow("date-with-fraction", 400, ErrorCodes.InvalidTimeStampFormat)]
    [DataRow("wrong-action", 404, ErrorCodes.InvalidActionNotFound)]
    [DataRow("wrong-version", 400, ErrorCodes.InvalidVersion)]
    [DataRow("sts-missing-token", 400, ErrorCodes.InvalidSecurityTokenMissing)]
    [DataRow("sts-wrong-token", 400, ErrorCodes.InvalidSecurityTokenMismatch)]
    [DataRow("sts-unsigned-token", 400, ErrorCodes.IncompleteSignature)]
    public async Task Tampered_request_is_refused(string tampering, int status, string code)
    {
        await using var emu = await Harness.StartAsync();
        var request = Tamper(emu, tampering);

        var response = await emu.SendAsync(request);

        response.AssertError(status, code);
        Assert.AreEqual(0, emu.Server.State.Images.Count);
    }

    [TestMethod]
    public async Task Untampered_request_of_the_same_shape_is_accepted()
    {
        await using var emu = await Harness.StartAsync();

        (await emu.SendAsync(emu.Signed(AddImage()))).AssertOk();
        (await emu.SendAsync(emu.Signed(AddImage(), EmulatorCredential.DefaultSts))).AssertError(400, ErrorCodes.ImageNameDuplicated);
    }

    [TestMethod]
    public async Task Reused_nonce_is_refused_but_a_fresh_one_passes()
    {
        await using var emu = await Harness.StartAsync();
        var first = emu.Signed(new TestRequest("GET", "/api/v1/images", "ListImages"));

        (await emu.SendAsync(first)).AssertOk();
        (await emu.SendAsync(first)).AssertError(400, ErrorCodes.SignatureNonceUsed);
        (await emu.SendAsync(emu.Signed(new TestRequest("GET", "/api/v1/images", "ListImages")))).AssertOk();
    }

    [TestMethod]
    public async Task Signature_mismatch_reports_the_server_string_to_sign()
    {
        await using var emu = await Harness.StartAsync();
        // The string to sign does not depend on the secret, so the client's equals the server's.
        var request = emu.Signed(AddImage(), EmulatorCredential.DefaultAccessKey with { AccessKeySecret = "not-the-secret" });
        var expectedStringToSign = request.StringToSign;

        var response = (await emu.SendAsync(request)).AssertError(400, ErrorCodes.SignatureDoesNotMatch);

        StringAssert.EndsWith(response.Get("Message"), "server string to sign is:" + expectedStringToSign);
        Assert.AreEqual(emu.Server.HostAndPort, response.Get("HostId"));
        StringAssert.Contains(response.Get("Recommend"), "SignatureDoesNotMatch");
        Assert.IsTrue(Guid.TryParse(response.Get("RequestId"), out _));
    }

    [TestMethod]
    public async Task Query_values_with_reserved_characters_and_wire_escapes_of_unreserved_ones_verify()
    {
        await using var emu = await Harness.StartAsync();
        var request = emu.Signed(new TestRequest("GET", "/api/v1/images", "ListImages").WithQuery(("Query", "a b*c~(d)!'"), ("Name", "é")));
        request.Query = request.Query.Replace("~", "%7E", StringComparison.Ordinal);

        (await emu.SendAsync(request)).AssertOk();
    }

    [TestMethod]
    public async Task Plus_sign_on_the_wire_is_not_a_space()
    {
        await using var emu = await Harness.StartAsync();
        var request = emu.Signed(new TestRequest("GET", "/api/v1/images", "ListImages").WithQuery(("Query", "a b")));
        request.Query = request.Query.Replace("%20", "+", StringComparison.Ordinal);

        (await emu.SendAsync(request)).AssertError(400, ErrorCodes.SignatureDoesNotMatch);
    }

    private static TestRequest AddImage() => new TestRequest("POST", "/api/v1/images", "AddImage").WithJson(Body);

    private static TestRequest Tamper(Harness emu, string tampering)
    {
        var key = EmulatorCredential.DefaultAccessKey;
        var sts = EmulatorCredential.DefaultSts;
        var now = emu.Time.GetUtcNow();
        var host = emu.Server.HostAndPort;
        switch (tampering)
        {
            case "body":
                return WithBody(emu.Signed(AddImage()), Body.Replace("tamper", "tamped", StringComparison.Ordinal), updateHash: false);
            case "body-and-hash":
                return WithBody(emu.Signed(AddImage()), Body.Replace("tamper", "tamped", StringComparison.Ordinal), updateHash: true);
            case "signed-header":
                return Set(emu.Signed(AddImage()), "content-type", "application/json");
            case "path":
                var path = emu.Signed(new TestRequest("GET", "/api/v1/images", "ListImages"));
                path.Path = "/api/v1/image/labels";
                return path;
            case "query":
                var query = emu.Signed(new TestRequest("GET", "/api/v1/images", "ListImages").WithQuery(("Name", "a")));
                query.Query = "Name=b";
                return query;
            case "wrong-secret":
                return AddImage().Sign(key with { AccessKeySecret = "wrong" }, host, now);
            case "upper-case-signature":
                var upper = emu.Signed(AddImage());
                var authorization = upper.Headers["authorization"];
                var at = authorization.IndexOf("Signature=", StringComparison.Ordinal) + 10;
                return Set(upper, "authorization", authorization[..at] + authorization[at..].ToUpperInvariant());
            case "unknown-key":
                return AddImage().Sign(key with { AccessKeyId = "nobody" }, host, now);
            case "no-authorization":
                var none = emu.Signed(AddImage());
                none.Headers.Remove("authorization");
                return none;
            case "other-algorithm":
                var other = emu.Signed(AddImage());
                return Set(other, "authorization", other.Headers["authorization"].Replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3", StringComparison.Ordinal));
            case "unsigned-action":
                return Unsign(AddImage(), key, host, now, "x-acs-action");
            case "unsigned-content-type":
                return Unsign(AddImage(), key, host, now, "content-type");
            case "unsigned-extra-acs-header":
                return Set(emu.Signed(AddImage()), "x-acs-retry-attempts", "1");
            case "missing-nonce":
                return Unsign(AddImage(), key, host, now, "x-acs-signature-nonce", removeHeader: true);
            case "missing-content-sha256":
                return Unsign(AddImage(), key, host, now, "x-acs-content-sha256", removeHeader: true);
            case "old-date":
                return AddImage().Sign(key, host, now.AddMinutes(-16));
            case "future-date":
                return AddImage().Sign(key, host, now.AddMinutes(16));
            case "date-with-fraction":
                var fraction = AddImage();
                fraction.Sign(key, host, now);
                return Resign(fraction, key, "x-acs-date", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            case "wrong-action":
                return emu.Signed(new TestRequest("POST", "/api/v1/images", "GetImage").WithJson(Body));
            case "wrong-version":
                return AddImage().Sign(key, host, now, version: "2021-02-02");
            case "sts-missing-token":
                var missing = AddImage().Sign(sts, host, now);
                missing.Headers.Remove("x-acs-security-token");
                return Resign(missing, sts, null, null);
            case "sts-wrong-token":
                return AddImage().Sign(sts with { SecurityToken = "another-token" }, host, now);
            case "sts-unsigned-token":
                return Unsign(AddImage(), sts, host, now, "x-acs-security-token");
            default:
                throw new ArgumentException(tampering);
        }
    }

    private static TestRequest Set(TestRequest request, string header, string value)
    {
        request.Headers[header] = value;
        return request;
    }

    private static TestRequest WithBody(TestRequest request, string body, bool updateHash)
    {
        request.Body = Encoding.UTF8.GetBytes(body);
        if (updateHash)
        {
            request.Headers["x-acs-content-sha256"] = TestSigner.Hash(request.Body);
        }

        return request;
    }

    /// <summary>Signs correctly except that <paramref name="header"/> is left out of SignedHeaders (or out of the request).</summary>
    private static TestRequest Unsign(TestRequest request, EmulatorCredential credential, string host, DateTimeOffset now, string header, bool removeHeader = false)
    {
        request.Sign(credential, host, now);
        var value = request.Headers[header];
        request.Headers.Remove(header);
        Resign(request, credential, null, null);
        if (!removeHeader)
        {
            request.Headers[header] = value;
        }

        return request;
    }

    /// <summary>Recomputes Authorization over the headers currently present, optionally after changing one.</summary>
    private static TestRequest Resign(TestRequest request, EmulatorCredential credential, string? header, string? value)
    {
        request.Headers.Remove("authorization");
        if (header is not null)
        {
            request.Headers[header] = value!;
        }

        var canonical = TestSigner.CanonicalRequest(request.Method, request.Path, request.Query, request.Headers, TestSigner.Hash(request.Body));
        var signature = TestSigner.Signature(credential.AccessKeySecret, TestSigner.StringToSign(canonical));
        request.Headers["authorization"] = $"ACS3-HMAC-SHA256 Credential={credential.AccessKeyId},SignedHeaders={string.Join(';', request.Headers.Keys.Order(StringComparer.Ordinal))},Signature={signature}";
        return request;
    }
}
