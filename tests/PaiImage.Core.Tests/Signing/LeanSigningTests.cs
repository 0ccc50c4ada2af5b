using System.Text;
using PaiImage.Core.Credentials;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Tests.Signing;

/// <summary><see cref="AcsV3Signer.SignRequest"/> must give exactly what <see cref="AcsV3Signer.Sign"/> gives.</summary>
[TestClass]
public sealed class LeanSigningTests
{
    [TestMethod]
    [DataRow("2.5")]
    [DataRow("2.6a")]
    [DataRow("2.6b")]
    [DataRow("2.6c")]
    public void Lean_headers_are_byte_identical_to_the_full_signature_for_the_vector(string name)
    {
        var vector = SigningVectors.Get(name);

        var lean = AcsV3Signer.SignRequest(vector.Input, vector.Credentials, SigningVectors.Timestamp, SigningVectors.Nonce);

        Assert.AreEqual(vector.Authorization, lean.Authorization);
        AssertSameHeaders(AcsV3Signer.Sign(vector.Input, vector.Credentials, SigningVectors.Timestamp, SigningVectors.Nonce), lean);
    }

    [TestMethod]
    [DataRow("2.5")]
    [DataRow("2.6a")]
    [DataRow("2.6b")]
    [DataRow("2.6c")]
    public void Describe_rebuilds_every_stage_of_the_vector(string name)
    {
        var vector = SigningVectors.Get(name);

        var described = AcsV3Signer.SignRequest(vector.Input, vector.Credentials, SigningVectors.Timestamp, SigningVectors.Nonce).Describe();

        Assert.AreEqual(vector.CanonicalRequest, described.CanonicalRequest);
        Assert.AreEqual(vector.HashedCanonicalRequest, described.HashedCanonicalRequest);
        Assert.AreEqual(vector.StringToSign, described.StringToSign);
        Assert.AreEqual(vector.SignedHeaders, described.SignedHeaders);
        Assert.AreEqual(vector.Signature, described.Signature);
        Assert.AreEqual(vector.Authorization, described.Authorization);
    }

    [TestMethod]
    [DataRow("mixed case and padding")]
    [DataRow("repeated name")]
    [DataRow("many headers")]
    [DataRow("non-ASCII value")]
    [DataRow("lower-case method, root path, query")]
    [DataRow("long values and secret")]
    [DataRow("caller-set signer headers")]
    [DataRow("unsigned and non-ASCII header names")]
    [DataRow("non-ASCII path")]
    public void Lean_and_full_agree_on_unusual_inputs(string name)
    {
        var (input, credentials) = Unusual(name);

        var lean = AcsV3Signer.SignRequest(input, credentials, SigningVectors.Timestamp, "n");

        AssertSameHeaders(AcsV3Signer.Sign(input, credentials, SigningVectors.Timestamp, "n"), lean);
    }

    [TestMethod]
    public void Requests_of_one_shape_signed_in_a_row_match_the_full_signature_each_time()
    {
        var first = SigningVectors.Get("2.6a").Input;
        var credentials = SigningVectors.LongTerm;
        string[] bodies = ["{}", """{"Name":"b"}""", """{"Name":"a-longer-body","ImageUri":"r/x:1"}"""];

        for (var i = 0; i < bodies.Length; i++)
        {
            var input = first with { Body = Encoding.UTF8.GetBytes(bodies[i]) };
            var timestamp = SigningVectors.Timestamp.AddSeconds(i * 61);
            var nonce = $"nonce-{i:D4}";
            Assert.AreEqual(i > 0, CanonicalRequestTemplate.Find(input, credentials, nonce) is not null, "the second and later requests use the first one's template");

            AssertSameHeaders(AcsV3Signer.Sign(input, credentials, timestamp, nonce), AcsV3Signer.SignRequest(input, credentials, timestamp, nonce));
        }
    }

    [TestMethod]
    [DataRow("method")]
    [DataRow("host")]
    [DataRow("path")]
    [DataRow("query value")]
    [DataRow("header value")]
    [DataRow("header added")]
    [DataRow("access key id")]
    [DataRow("security token")]
    [DataRow("longer nonce")]
    [DataRow("nonce with spaces")]
    [DataRow("non-ASCII nonce")]
    public void A_request_that_differs_from_the_previous_shape_in_one_thing_is_signed_for_what_it_is(string change)
    {
        KeyValuePair<string, string>[] headers = [new("x-acs-action", "AddImage"), new("x-acs-version", "2021-02-04"), new("content-type", "application/json")];
        var shape = new SigningInput("POST", "h.example", "/api/v1/images", [new("a", "1")], headers, Encoding.UTF8.GetBytes("{}"));
        var credentials = SigningVectors.Sts;
        AcsV3Signer.SignRequest(shape, credentials, SigningVectors.Timestamp, "nonce-0001");
        Assert.IsNotNull(CanonicalRequestTemplate.Find(shape, credentials, "nonce-0002"));

        var (input, changedCredentials, nonce) = change switch
        {
            "method" => (shape with { Method = "PUT" }, credentials, "nonce-0002"),
            "host" => (shape with { Host = "h2.example" }, credentials, "nonce-0002"),
            "path" => (shape with { CanonicalUri = "/api/v1/images/x" }, credentials, "nonce-0002"),
            "query value" => (shape with { QueryParameters = [new("a", "2")] }, credentials, "nonce-0002"),
            "header value" => (shape with { Headers = [headers[0], new("x-acs-version", "2021-02-05"), headers[2]] }, credentials, "nonce-0002"),
            "header added" => (shape with { Headers = [.. headers, new("x-acs-extra", "e")] }, credentials, "nonce-0002"),
            "access key id" => (shape, new PaiCredentials("STS.Other", credentials.AccessKeySecret, credentials.SecurityToken), "nonce-0002"),
            "security token" => (shape, new PaiCredentials(credentials.AccessKeyId, credentials.AccessKeySecret, "OtherToken"), "nonce-0002"),
            "longer nonce" => (shape, credentials, "nonce-000002"),
            "nonce with spaces" => (shape, credentials, " nonce-02 "),
            "non-ASCII nonce" => (shape, credentials, "nonce-000é"),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "unknown change"),
        };

        var lean = AcsV3Signer.SignRequest(input, changedCredentials, SigningVectors.Timestamp, nonce);

        AssertSameHeaders(AcsV3Signer.Sign(input, changedCredentials, SigningVectors.Timestamp, nonce), lean);
    }

    [TestMethod]
    public void A_changed_secret_on_the_same_thread_signs_with_the_new_secret()
    {
        var input = SigningVectors.Get("2.6a").Input;
        PaiCredentials[] credentials = [new("id", "first-secret"), new("id", "second-secret"), new("id", "first-secret")];

        foreach (var current in credentials)
        {
            var lean = AcsV3Signer.SignRequest(input, current, SigningVectors.Timestamp, "n");
            Assert.AreEqual(AcsV3Signer.Sign(input, current, SigningVectors.Timestamp, "n").Authorization, lean.Authorization);
        }
    }

    [TestMethod]
    public void The_lean_signature_holds_no_secret()
    {
        var credentials = new PaiCredentials("id", "very-secret-value", "token");
        var lean = AcsV3Signer.SignRequest(SigningVectors.Get("2.6a").Input, credentials, SigningVectors.Timestamp, "n");

        Assert.DoesNotContain("very-secret-value", lean.Authorization);
        Assert.DoesNotContain("very-secret-value", lean.Describe().ToString());
    }

    private static void AssertSameHeaders(SignatureResult full, RequestSignature lean)
    {
        var expected = full.HeadersToSet.ToDictionary(h => h.Key, h => h.Value);
        var actual = new Dictionary<string, string>
        {
            ["x-acs-date"] = lean.Date,
            ["x-acs-signature-nonce"] = lean.Nonce,
            ["x-acs-content-sha256"] = lean.PayloadHash,
            ["host"] = lean.Host,
            ["Authorization"] = lean.Authorization,
        };
        if (lean.SecurityToken is { } token)
        {
            actual["x-acs-security-token"] = token;
            actual["x-acs-accesskey-id"] = lean.AccessKeyId;
        }

        CollectionAssert.AreEquivalent(expected.ToList(), actual.ToList());
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes(full.Authorization), Encoding.UTF8.GetBytes(lean.Authorization));
        Assert.AreEqual(full.CanonicalQueryString, lean.CanonicalQueryString);
    }

    private static (SigningInput Input, PaiCredentials Credentials) Unusual(string name)
    {
        KeyValuePair<string, string>[] basic = [new("x-acs-action", "A"), new("x-acs-version", "1")];
        var body = Encoding.UTF8.GetBytes("{}");
        return name switch
        {
            "mixed case and padding" => (new("POST", " h.example ", "/p", [], [new("X-ACS-Action", "  AddImage "), new("X-Acs-Version", "1"), new("Content-Type", " application/json ")], body), SigningVectors.LongTerm),
            "repeated name" => (new("POST", "h", "/p", [], [.. basic, new("x-acs-extra", "b"), new("X-Acs-Extra", " a")], body), SigningVectors.LongTerm),
            "many headers" => (new("POST", "h", "/p", [], [.. basic, .. Enumerable.Range(0, 20).Select(i => new KeyValuePair<string, string>($"x-acs-h{i:D2}", $"v{i}"))], body), SigningVectors.Sts),
            "non-ASCII value" => (new("POST", "h", "/p", [], [.. basic, new("x-acs-note", "é中 ok")], body), SigningVectors.Sts),
            "lower-case method, root path, query" => (new("get", "h", "", [new("b", "2"), new("a", "z y")], basic, ReadOnlyMemory<byte>.Empty), SigningVectors.LongTerm),
            "long values and secret" => (new("POST", "h", "/p", [], [.. basic, new("x-acs-long", new string('v', 3000))], body), new PaiCredentials(new string('i', 900), new string('s', 2000))),
            "caller-set signer headers" => (new("POST", "h", "/p", [], [.. basic, new("x-acs-date", "stale"), new("Host", "elsewhere"), new("x-acs-security-token", "old")], body), SigningVectors.LongTerm),
            "unsigned and non-ASCII header names" => (new("POST", "h", "/p", [], [.. basic, new("Accept", "x"), new("x-ünsigned", "y"), new("X-Acs-Zeta", "z")], body), SigningVectors.LongTerm),
            "non-ASCII path" => (new("PUT", "h", "/images/é", [], basic, body), SigningVectors.Sts),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
        };
    }
}
