using System.Net;
using System.Net.Http.Headers;
using PaiImage.Core.Errors;
using PaiImage.Core.Http;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Tests.Http;

[TestClass]
public sealed class ServiceErrorParserTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private readonly ManualTimeProvider clock = new(Now);

    [TestMethod]
    [DataRow(500, "InternalError")]
    [DataRow(503, "ServiceUnavailable")]
    public void Server_errors_are_transient_PAI1001(int status, string code)
    {
        var error = Parse(status, Body(code, "The request processing has failed."));

        AssertError(error, "PAI1001", transient: true);
        StringAssert.Contains(error.Message, code);
        Assert.AreEqual(code, error.ServiceCode);
    }

    [TestMethod]
    [DataRow("Throttling")]
    [DataRow("Throttling.User")]
    [DataRow("Throttling.Api")]
    public void Throttling_codes_are_transient_PAI1002(string code) =>
        AssertError(Parse(400, Body(code, "Request was denied due to request throttling.")), "PAI1002", transient: true);

    [TestMethod]
    public void The_retry_after_header_alone_means_throttling_and_its_delay_is_reported()
    {
        using var response = Response(400, Body("SomethingElse", "slow down"));
        response.Headers.Add("x-acs-retry-after", "1500");

        var error = ServiceErrorParser.Parse(response, Body("SomethingElse", "slow down"), clock);

        AssertError(error, "PAI1002", transient: true);
        StringAssert.Contains(error.Message, "wait 1 s");
    }

    [TestMethod]
    [DataRow("SignatureDoesNotMatch")]
    [DataRow("IncompleteSignature")]
    public void Signature_errors_show_our_string_to_sign_but_never_the_secret(string code)
    {
        var signature = AcsV3Signer.SignRequest(
            new SigningInput("GET", "h", "/", [], [new("x-acs-action", "A"), new("x-acs-version", "1")], ReadOnlyMemory<byte>.Empty),
            new("id", "the-secret-value", "the-security-token"),
            Now,
            "n");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://h/");
        request.Options.Set(AcsSigningHandler.SignatureOption, signature);
        var body = Body(code, "Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\\nabc");
        using var response = Response(400, body);
        response.RequestMessage = request;

        var error = ServiceErrorParser.Parse(response, body, clock);

        AssertError(error, "PAI1003", transient: false);
        StringAssert.Contains(error.Message, signature.Describe().HashedCanonicalRequest);
        StringAssert.Contains(error.Fix, "secret");
        StringAssert.Contains(error.Fix, "proxy");
        StringAssert.Contains(error.Fix, "clock");
        Assert.DoesNotContain("the-secret-value", error.ToDiagnosticLine());
        Assert.DoesNotContain("the-security-token", error.ToDiagnosticLine());
    }

    [TestMethod]
    [DataRow(17 * 60 + 3, "The local clock is 17 min 3 s ahead of the server.")]
    [DataRow(-(20 * 60), "The local clock is 20 min 0 s behind the server.")]
    [DataRow(3600 * 26 + 5, "The local clock is 26 h 0 min 5 s ahead of the server.")]
    public void Expired_timestamp_says_how_far_the_local_clock_is_from_the_server(int localAheadSeconds, string expected)
    {
        using var response = Response(400, Body("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."));
        response.Headers.Date = Now - TimeSpan.FromSeconds(localAheadSeconds);

        var error = ServiceErrorParser.Parse(response, Body("InvalidTimeStamp.Expired", "x"), clock);

        AssertError(error, "PAI1004", transient: false);
        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public void Expired_timestamp_without_a_date_header_says_the_difference_is_unknown() =>
        StringAssert.Contains(Parse(400, Body("InvalidTimeStamp.Expired", "x")).Message, "no Date header");

    [TestMethod]
    public void An_html_502_from_a_proxy_is_PAI1005_transient_with_a_clean_snippet()
    {
        var html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

        var error = Parse(502, html);

        AssertError(error, "PAI1005", transient: true);
        StringAssert.Contains(error.Message, "HTTP 502");
        StringAssert.Contains(error.Message, "\"502 Bad Gateway 502 Bad Gateway nginx\"");
        Assert.DoesNotContain("<", error.Message);
        Assert.IsNull(error.ServiceCode);
    }

    [TestMethod]
    [DataRow("""{"RequestId":"r1","Code":"InvalidPara""")]
    [DataRow("")]
    [DataRow("[1,2]")]
    [DataRow("""{"unrelated":true}""")]
    public void A_cut_off_or_foreign_body_on_a_4xx_is_PAI1005_not_transient(string body) =>
        AssertError(Parse(400, body), "PAI1005", transient: false);

    [TestMethod]
    public void Long_bodies_are_cut_in_the_snippet()
    {
        var error = Parse(500, new string('x', 5000));
        StringAssert.Contains(error.Message, new string('x', 160) + "…");
        Assert.DoesNotContain(new string('x', 161), error.Message);
    }

    [TestMethod]
    [DataRow(404, "InvalidAccessKeyId.NotFound")]
    [DataRow(400, "InvalidAccessKeyId.Inactive")]
    [DataRow(400, "InvalidSecurityToken.Expired")]
    public void Rejected_keys_or_tokens_are_PAI1007_about_credentials(int status, string code)
    {
        var error = Parse(status, Body(code, "Specified access key is not found."));
        AssertError(error, "PAI1007", transient: false);
        StringAssert.Contains(error.Fix, "AccessKey id");
    }

    [TestMethod]
    [DataRow("Forbidden.RAM")]
    [DataRow("NoPermission")]
    public void Missing_permissions_are_PAI1007_about_ram_actions(string code)
    {
        var body = $$$"""{"RequestId":"r1","Code":"{{{code}}}","Message":"not authorized","AccessDeniedDetail":{"AuthAction":"paiimage:AddImage"}}""";
        var error = Parse(403, body);

        AssertError(error, "PAI1007", transient: false);
        StringAssert.Contains(error.Fix, "paiimage:");
        StringAssert.Contains(error.Message, "Missing permission: paiimage:AddImage");
    }

    [TestMethod]
    public void Not_found_is_PAI1008_naming_the_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://h/api/v1/images/image-123");
        using var response = Response(404, Body("ImageNotFound", "image not exist"));
        response.RequestMessage = request;

        var error = ServiceErrorParser.Parse(response, Body("ImageNotFound", "image not exist"), clock);

        AssertError(error, "PAI1008", transient: false);
        StringAssert.Contains(error.Message, "GET /api/v1/images/image-123");
    }

    [TestMethod]
    public void Signature_nonce_used_is_transient_PAI1009() =>
        AssertError(Parse(400, Body("SignatureNonceUsed", "Specified signature nonce was used already.")), "PAI1009", transient: true);

    [TestMethod]
    [DataRow(400, "InvalidParameter")]
    [DataRow(409, "100400009")]
    [DataRow(404, "InvalidAction.NotFound")]
    public void Other_client_errors_are_PAI1006_refused_with_code_and_message(int status, string code)
    {
        var error = Parse(status, Body(code, "bad name."));

        AssertError(error, "PAI1006", transient: false);
        StringAssert.StartsWith(error.Message, $"PAI refused the request: {code}: bad name.");
    }

    [TestMethod]
    public void Fields_are_read_in_any_casing_and_numeric_codes_are_kept()
    {
        var body = """{"requestid":"req-9","hostid":"aiworkspace.cn-hangzhou.aliyuncs.com","code":100400009,"message":"Workspace exist error","recommend":"https://api.alibabacloud.com/troubleshoot?q=x"}""";

        var error = Parse(400, body);

        Assert.AreEqual("req-9", error.RequestId);
        Assert.AreEqual("aiworkspace.cn-hangzhou.aliyuncs.com", error.HostId);
        Assert.AreEqual("100400009", error.ServiceCode);
        Assert.AreEqual("Workspace exist error", error.ServiceMessage);
        Assert.AreEqual("https://api.alibabacloud.com/troubleshoot?q=x", error.Recommend);
        StringAssert.Contains(error.Fix, "https://api.alibabacloud.com/troubleshoot?q=x");
    }

    [TestMethod]
    public void The_request_id_header_is_used_when_the_body_has_none()
    {
        using var response = Response(502, "Bad Gateway");
        response.Headers.Add("x-acs-request-id", "hdr-req-1");

        var error = ServiceErrorParser.Parse(response, "Bad Gateway", clock);

        Assert.AreEqual("hdr-req-1", error.RequestId);
        StringAssert.Contains(error.Message, "RequestId: hdr-req-1");
    }

    [TestMethod]
    public void Retry_after_reads_alibaba_milliseconds_first()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        response.Headers.Add("x-acs-retry-after", "250");
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(9));

        Assert.IsTrue(RetryAfter.TryGet(response, clock, out var delay));
        Assert.AreEqual(TimeSpan.FromMilliseconds(250), delay);
    }

    [TestMethod]
    public void Retry_after_reads_standard_seconds_and_dates()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(Now + TimeSpan.FromSeconds(30));
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(Now - TimeSpan.FromSeconds(30));

        Assert.IsTrue(RetryAfter.TryGet(seconds, clock, out var fromSeconds));
        Assert.AreEqual(TimeSpan.FromSeconds(7), fromSeconds);
        Assert.IsTrue(RetryAfter.TryGet(date, clock, out var fromDate));
        Assert.AreEqual(TimeSpan.FromSeconds(30), fromDate);
        Assert.IsTrue(RetryAfter.TryGet(past, clock, out var fromPast));
        Assert.AreEqual(TimeSpan.Zero, fromPast);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("soon")]
    [DataRow("-5")]
    public void Retry_after_is_absent_without_a_usable_header(string? acsValue)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        if (acsValue is not null)
        {
            response.Headers.Add("x-acs-retry-after", acsValue);
        }

        Assert.IsFalse(RetryAfter.TryGet(response, clock, out _));
    }

    private static string Body(string code, string message) =>
        $$"""{"RequestId":"req-1","HostId":"aiworkspace.cn-hangzhou.aliyuncs.com","Code":"{{code}}","Message":"{{message}}"}""";

    private static HttpResponseMessage Response(int status, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body) };

    private PaiServiceException Parse(int status, string body)
    {
        using var response = Response(status, body);
        return ServiceErrorParser.Parse(response, body, clock);
    }

    private static void AssertError(PaiServiceException error, string code, bool transient)
    {
        Assert.AreEqual(code, error.Code, error.Message);
        Assert.AreEqual(transient, error.IsTransient, error.Message);
        if (error.RequestId is not null)
        {
            StringAssert.Contains(error.Message, $"RequestId: {error.RequestId}");
        }
    }
}
