using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Sts;

/// <summary>
/// Picks the STS endpoint: the option, else the profile's or ALIBABA_CLOUD_STS_ENDPOINT (host or URL), else
/// sts[-vpc].REGION.aliyuncs.com from the profile's or ALIBABA_CLOUD_STS_REGION, else sts.aliyuncs.com.
/// HTTPS is required except on loopback.
/// </summary>
internal static class StsEndpointResolver
{
    public static Uri Resolve(CredentialContext context, string? profileEndpoint = null, string? profileRegion = null, bool? profileVpc = null)
    {
        if (context.Options.StsEndpoint is { } option)
        {
            return Validate(option, "CredentialChainOptions.StsEndpoint");
        }

        var explicitEndpoint = profileEndpoint ?? context.Env(CredentialEnvironment.StsEndpoint);
        if (explicitEndpoint is not null)
        {
            return Parse(explicitEndpoint, profileEndpoint is null ? CredentialEnvironment.StsEndpoint : "the profile's sts_endpoint");
        }

        var region = profileRegion ?? context.Env(CredentialEnvironment.StsRegion);
        if (region is null)
        {
            return new Uri("https://sts.aliyuncs.com");
        }

        var vpc = profileVpc ?? context.EnvIsTrue(CredentialEnvironment.VpcEndpointEnabled);
        return Parse($"{(vpc ? "sts-vpc" : "sts")}.{region}.aliyuncs.com", "the STS region");
    }

    private static Uri Parse(string text, string origin)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
        {
            throw Invalid(text, origin);
        }

        if (!text.Contains("://", StringComparison.Ordinal) && uri.IsLoopback)
        {
            uri = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp, Port = uri.IsDefaultPort ? 80 : uri.Port }.Uri;
        }

        return Validate(uri, origin);
    }

    private static Uri Validate(Uri uri, string origin)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            throw Invalid(uri.OriginalString, origin);
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static PaiConfigurationException Invalid(string text, string origin) => new(
        CredentialErrorCodes.InvalidSetting,
        $"The STS endpoint '{text}' from {origin} is not a valid HTTPS host or URL.",
        "Give a host such as sts.cn-hangzhou.aliyuncs.com or an https:// URL (plain http is accepted only for loopback).");
}
