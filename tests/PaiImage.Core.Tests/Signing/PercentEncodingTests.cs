using PaiImage.Core.Signing;

namespace PaiImage.Core.Tests.Signing;

[TestClass]
public sealed class PercentEncodingTests
{
    [TestMethod]
    [DataRow("abcXYZ019-_.~", "abcXYZ019-_.~")]
    [DataRow("a b", "a%20b")]
    [DataRow("a*b", "a%2Ab")]
    [DataRow("a/b=c,d+e", "a%2Fb%3Dc%2Cd%2Be")]
    [DataRow("!'()", "%21%27%28%29")]
    [DataRow("é中", "%C3%A9%E4%B8%AD")]
    public void Encode_follows_rfc3986_with_upper_case_hex(string value, string expected) =>
        Assert.AreEqual(expected, PercentEncoding.Encode(value));

    [TestMethod]
    public void Decode_reverses_encode_and_keeps_plus() =>
        Assert.AreEqual("a b+c/é", PercentEncoding.Decode(PercentEncoding.Encode("a b") + "+c" + "%2F%C3%A9"));
}
