using PaiImage.Core.Credentials;

namespace PaiImage.Tool.Output;

/// <summary>What <c>pai-image config</c> found: each setting with where it came from.</summary>
internal sealed record ConfigurationReport(
    string? Region,
    string RegionSource,
    Uri Endpoint,
    string EndpointSource,
    string? Profile,
    string ProfileSource,
    CredentialResolution Credentials)
{
    /// <summary>The AccessKey id shortened to its first 4 characters: enough to tell keys apart, not to use one.</summary>
    public string MaskedAccessKeyId =>
        Credentials.Credentials.AccessKeyId is { Length: > 4 } id ? id[..4] + "***" : "***";

    public string CredentialKind => Credentials.Credentials.SecurityToken is null ? "AccessKey" : "STS token";
}
