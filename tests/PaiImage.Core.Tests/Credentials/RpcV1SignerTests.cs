using PaiImage.Core.Credentials.Sts;

namespace PaiImage.Core.Tests.Credentials;

[TestClass]
public sealed class RpcV1SignerTests
{
    private static readonly KeyValuePair<string, string>[] OfficialParameters =
    [
        new("AccessKeyId", "testid"),
        new("Action", "DescribeRegions"),
        new("Format", "XML"),
        new("SignatureMethod", "HMAC-SHA1"),
        new("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        new("SignatureVersion", "1.0"),
        new("Timestamp", "2016-02-23T12:46:24Z"),
        new("Version", "2014-05-26"),
    ];

    [TestMethod]
    [DataRow("GET", "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")]
    [DataRow("POST", "MxbnVAM4w6sft9xjVpe/GCKueuk=")]
    public void Sign_reproduces_the_official_vectors(string method, string expected) =>
        Assert.AreEqual(expected, RpcV1Signer.Sign(method, OfficialParameters.Reverse(), "testsecret"));

    [TestMethod]
    public void String_to_sign_encodes_the_canonical_query_twice()
    {
        var stringToSign = RpcV1Signer.BuildStringToSign("GET", OfficialParameters);

        StringAssert.StartsWith(stringToSign, "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1");
        StringAssert.Contains(stringToSign, "Timestamp%3D2016-02-23T12%253A46%253A24Z");
    }

    [TestMethod]
    public void Signature_parameter_is_left_out_of_the_canonical_query() =>
        Assert.AreEqual(
            RpcV1Signer.CanonicalizeParameters(OfficialParameters),
            RpcV1Signer.CanonicalizeParameters(OfficialParameters.Append(new("Signature", "abc"))));
}
