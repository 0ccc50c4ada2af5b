namespace PaiImage.Build.Tests;

[TestClass]
public sealed class ImageNamingTests
{
    [TestMethod]
    [DataRow("hello", "1.0.0", "hello-1-0-0")]
    [DataRow("team/My_App", "latest", "team-my-app-latest")]
    [DataRow("a..b//c", "", "a-b-c")]
    [DataRow("2048-game", "v1", "image-2048-game-v1")]
    [DataRow("___", "", "image")]
    public void Derive_makes_a_valid_name(string repository, string tag, string expected) =>
        Assert.AreEqual(expected, ImageNaming.Derive(repository, tag));

    [TestMethod]
    public void Derive_shortens_long_names_with_a_stable_hash()
    {
        var first = ImageNaming.Derive("organisation/a-really-long-repository-name-for-the-inference-service", "2025.11.28-preview");
        var second = ImageNaming.Derive("organisation/a-really-long-repository-name-for-the-inference-service", "2025.11.28-preview");
        var other = ImageNaming.Derive("organisation/a-really-long-repository-name-for-the-inference-service", "2025.11.29-preview");

        Assert.AreEqual(50, first.Length);
        Assert.AreEqual(first, second);
        Assert.AreNotEqual(first, other);
        Assert.StartsWith("organisation-a-really-long-repository-na", first);
        Assert.MatchesRegex("^[a-z][a-z0-9-]*-[0-9a-f]{8}$", first);
    }

    [TestMethod]
    [DataRow("localhost:5000/team/app:1.2", "team/app", "1.2")]
    [DataRow("registry.example.com/app@sha256:abc", "app", null)]
    [DataRow("team/app", "team/app", null)]
    public void Split_separates_repository_and_tag(string reference, string repository, string? tag) =>
        Assert.AreEqual((repository, tag), ImageReference.Split(reference));
}
