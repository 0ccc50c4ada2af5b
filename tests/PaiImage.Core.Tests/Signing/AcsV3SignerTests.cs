using PaiImage.Core.Credentials;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Tests.Signing;

[TestClass]
public sealed class AcsV3SignerTests
{
    private static SignatureResult Sign(SigningVector vector) =>
        AcsV3Signer.Sign(vector.Input, vector.Credentials, SigningVectors.Timestamp, SigningVectors.Nonce);

    [TestMethod]
    [DataRow("2.5")]
    [DataRow("2.6a")]
    [DataRow("2.6b")]
    [DataRow("2.6c")]
    public void Canonical_request_matches_the_vector(string name)
    {
        var vector = SigningVectors.Get(name);
        Assert.AreEqual(vector.CanonicalRequest, Sign(vector).CanonicalRequest);
    }

    [TestMethod]
    [DataRow("2.5")]
    [DataRow("2.6a")]
    [DataRow("2.6b")]
    [DataRow("2.6c")]
    public void Hashed_canonical_request_matches_the_vector(string name)
    {
        var vector = SigningVectors.Get(name);
        Assert.AreEqual(vector.HashedCanonicalRequest, Sign(vector).HashedCanonicalRequest);
    }

    [TestMethod]
    [DataRow("2.5")]
    [DataRow("2.6a")]
    [DataRow("2.6b")]
    [DataRow("2.6c")]
    public void String_to_sign_matches_the_vector(string name)
    {
        var vector = SigningVectors.Get(name);
        Assert.AreEqual(vector.StringToSign, Sign(vector).StringToSign);
    }

    [TestMethod]
    [DataRow("2.5")]
    [DataRow("2.6a")]
    [DataRow("2.6b")]
    [DataRow("2.6c")]
    public void Signed_headers_and_signature_match_the_vector(string name)
    {
        var vector = SigningVectors.Get(name);
        var result = Sign(vector);
        Assert.AreEqual(vector.SignedHeaders, result.SignedHeaders);
        Assert.AreEqual(vector.Signature, result.Signature);
    }

    [TestMethod]
    [DataRow("2.5")]
    [DataRow("2.6a")]
    [DataRow("2.6b")]
    [DataRow("2.6c")]
    public void Authorization_matches_the_vector(string name)
    {
        var vector = SigningVectors.Get(name);
        Assert.AreEqual(vector.Authorization, Sign(vector).Authorization);
    }

    [TestMethod]
    public void Official_authorization_is_the_documented_text() =>
        Assert.AreEqual(
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
            Sign(SigningVectors.Get("2.5")).Authorization);

    [TestMethod]
    public void Official_inputs_with_get_give_the_documented_get_values()
    {
        var result = AcsV3Signer.Sign(SigningVectors.OfficialInput("get"), SigningVectors.LongTerm, SigningVectors.Timestamp, SigningVectors.Nonce);

        Assert.StartsWith("GET\n/\n", result.CanonicalRequest);
        Assert.StartsWith("770e2ff5", result.HashedCanonicalRequest);
        Assert.EndsWith("7a5e", result.HashedCanonicalRequest);
        Assert.StartsWith("9f6beca8", result.Signature);
        Assert.EndsWith("9d87", result.Signature);
    }

    [TestMethod]
    public void Payload_hash_of_the_add_image_body_matches()
    {
        var result = Sign(SigningVectors.Get("2.6a"));
        Assert.AreEqual(SigningVectors.AddImageBodyHash, result.PayloadHash);
        CollectionAssert.Contains(result.HeadersToSet.ToList(), new KeyValuePair<string, string>("x-acs-content-sha256", SigningVectors.AddImageBodyHash));
    }

    [TestMethod]
    public void Long_term_credentials_set_date_nonce_hash_host_and_authorization_only()
    {
        var vector = SigningVectors.Get("2.6a");
        var names = Sign(vector).HeadersToSet.Select(h => h.Key).ToArray();
        CollectionAssert.AreEquivalent(new[] { "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "host", "Authorization" }, names);
    }

    [TestMethod]
    public void Sts_credentials_add_token_and_access_key_id_headers()
    {
        var headers = Sign(SigningVectors.Get("2.6c")).HeadersToSet.ToDictionary(h => h.Key, h => h.Value);
        Assert.AreEqual("YourSecurityToken", headers["x-acs-security-token"]);
        Assert.AreEqual("STS.YourAccessKeyId", headers["x-acs-accesskey-id"]);
        Assert.AreEqual("2023-10-26T10:22:32Z", headers["x-acs-date"]);
        Assert.AreEqual(SigningVectors.PaiHost, headers["host"]);
    }

    [TestMethod]
    public void Date_is_converted_to_utc_whole_seconds() =>
        Assert.AreEqual(
            "2023-10-26T10:22:32Z",
            AcsV3Signer.FormatDate(new DateTimeOffset(2023, 10, 26, 18, 22, 32, 999, TimeSpan.FromHours(8))));

    [TestMethod]
    [DataRow("a b", "a%20b")]
    [DataRow("a*b", "a%2Ab")]
    [DataRow("a~b", "a~b")]
    [DataRow("a/b", "a%2Fb")]
    [DataRow("a=b", "a%3Db")]
    [DataRow("a,b", "a%2Cb")]
    [DataRow("a+b", "a%2Bb")]
    [DataRow("é中", "%C3%A9%E4%B8%AD")]
    public void Query_names_and_values_are_rfc3986_encoded(string raw, string encoded)
    {
        var input = Input(query: [new(raw, raw)]);
        Assert.AreEqual($"{encoded}={encoded}", AcsV3Signer.Sign(input, SigningVectors.LongTerm, SigningVectors.Timestamp, "n").CanonicalQueryString);
    }

    [TestMethod]
    public void Query_is_sorted_by_name_then_value_and_empty_values_keep_the_equals_sign()
    {
        var input = Input(query: [new("b", "2"), new("a", "z"), new("B", ""), new("a", "y")]);
        Assert.AreEqual("B=&a=y&a=z&b=2", AcsV3Signer.Sign(input, SigningVectors.LongTerm, SigningVectors.Timestamp, "n").CanonicalQueryString);
    }

    [TestMethod]
    public void Canonical_uri_is_used_as_given_and_empty_means_root()
    {
        var encodedPath = "/api/v1/images/" + PercentEncoding.Encode("a b*~/=,+é");
        Assert.AreEqual("/api/v1/images/a%20b%2A~%2F%3D%2C%2B%C3%A9", encodedPath);
        var lines = AcsV3Signer.Sign(Input(path: encodedPath), SigningVectors.LongTerm, SigningVectors.Timestamp, "n").CanonicalRequest.Split('\n');
        Assert.AreEqual(encodedPath, lines[1]);

        var root = AcsV3Signer.Sign(Input(path: ""), SigningVectors.LongTerm, SigningVectors.Timestamp, "n").CanonicalRequest.Split('\n');
        Assert.AreEqual("/", root[1]);
    }

    [TestMethod]
    public void Headers_are_lower_cased_trimmed_merged_and_unsigned_ones_ignored()
    {
        var input = Input(headers:
        [
            new("X-ACS-Action", "  AddImage "),
            new("x-acs-version", "2021-02-04"),
            new("x-acs-extra", "b"),
            new("X-Acs-Extra", " a"),
            new("Accept", "application/json"),
            new("User-Agent", "test"),
        ]);

        var result = AcsV3Signer.Sign(input, SigningVectors.LongTerm, SigningVectors.Timestamp, "n");

        StringAssert.Contains(result.CanonicalRequest, "\nx-acs-action:AddImage\n");
        StringAssert.Contains(result.CanonicalRequest, "\nx-acs-extra:a,b\n");
        Assert.AreEqual("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-extra;x-acs-signature-nonce;x-acs-version", result.SignedHeaders);
    }

    [TestMethod]
    public void Signer_headers_given_by_the_caller_are_replaced_by_the_signers_own()
    {
        var input = Input(headers:
        [
            new("x-acs-action", "AddImage"),
            new("x-acs-version", "2021-02-04"),
            new("x-acs-date", "1999-01-01T00:00:00Z"),
            new("x-acs-signature-nonce", "stale"),
            new("Host", "elsewhere.example"),
        ]);

        var result = AcsV3Signer.Sign(input, SigningVectors.LongTerm, SigningVectors.Timestamp, "fresh");

        StringAssert.Contains(result.CanonicalRequest, "\nx-acs-date:2023-10-26T10:22:32Z\n");
        StringAssert.Contains(result.CanonicalRequest, "\nx-acs-signature-nonce:fresh\n");
        StringAssert.Contains(result.CanonicalRequest, "\nhost:h.example\n");
        Assert.DoesNotContain("stale", result.CanonicalRequest);
        Assert.DoesNotContain("elsewhere", result.CanonicalRequest);
    }

    [TestMethod]
    public void Secret_and_token_never_appear_in_the_result()
    {
        var credentials = new PaiCredentials("id", "very-secret-value", "very-secret-token");
        var result = AcsV3Signer.Sign(Input(), credentials, SigningVectors.Timestamp, "n");

        Assert.DoesNotContain("very-secret-value", result.ToString());
        Assert.DoesNotContain("very-secret-value", result.Authorization);
        Assert.DoesNotContain("very-secret-value", result.CanonicalRequest);
    }

    [TestMethod]
    public void A_long_secret_and_canonical_request_sign_like_a_short_one()
    {
        // Exercises the pooled-buffer path (inputs above the stack-allocation limit) against the vector's algorithm.
        var longValue = new string('v', 3000);
        var secret = new string('s', 2000);
        var input = Input(headers: [new("x-acs-action", "A"), new("x-acs-version", "1"), new("x-acs-long", longValue)]);

        var result = AcsV3Signer.Sign(input, new PaiCredentials("id", secret), SigningVectors.Timestamp, "n");

        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(result.CanonicalRequest)));
        var expectedSignature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(result.StringToSign)));
        Assert.AreEqual(expectedHash, result.HashedCanonicalRequest);
        Assert.AreEqual(expectedSignature, result.Signature);
    }

    private static SigningInput Input(
        string path = "/p",
        IReadOnlyList<KeyValuePair<string, string>>? query = null,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null) =>
        new("POST", "h.example", path, query ?? [], headers ?? [new("x-acs-action", "A"), new("x-acs-version", "1")], ReadOnlyMemory<byte>.Empty);
}
