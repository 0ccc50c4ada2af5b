using PaiImage.Core.Errors;

namespace PaiImage.Core.Endpoints;

/// <summary>Region → aiworkspace.{region}.aliyuncs.com, VPC → aiworkspace-vpc.{region}.aliyuncs.com, or an explicit URL.</summary>
public static class PaiEndpointResolver
{
    private const string SetRegionOrEndpoint =
        "Set a region with --region, the ALIBABA_CLOUD_REGION_ID environment variable or the PaiRegion MSBuild property (for example cn-hangzhou), or a full endpoint with --endpoint / PaiEndpoint.";

    /// <summary>
    /// Resolves and checks the endpoint; plain http only for loopback hosts. An explicit endpoint wins over the
    /// region; a bare host name is taken as <c>https://host</c>. Throws PaiConfigurationException (PAI3001–PAI3009).
    /// </summary>
    public static Uri Resolve(string? regionId, bool useVpc, string? explicitEndpoint)
    {
        var endpoint = explicitEndpoint?.Trim();
        if (!string.IsNullOrEmpty(endpoint))
        {
            if (useVpc)
            {
                throw new PaiConfigurationException(
                    "PAI3007",
                    "The VPC switch and an explicit endpoint were both given; the VPC switch only chooses the host for a region.",
                    "Either drop --vpc / PaiUseVpc, or drop --endpoint / PaiEndpoint and set the region instead.");
            }

            return ExplicitEndpoint(endpoint);
        }

        var region = regionId?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(region))
        {
            throw new PaiConfigurationException("PAI3001", "No PAI region or endpoint is configured.", SetRegionOrEndpoint);
        }

        if (!IsRegionId(region))
        {
            throw new PaiConfigurationException(
                "PAI3002",
                $"The region id '{Shorten(region)}' is not valid: a region id contains only letters, digits and '-' (for example cn-hangzhou).",
                "Correct --region / ALIBABA_CLOUD_REGION_ID / PaiRegion.");
        }

        return new Uri($"https://{(useVpc ? "aiworkspace-vpc" : "aiworkspace")}.{region}.aliyuncs.com/");
    }

    private static Uri ExplicitEndpoint(string endpoint)
    {
        var text = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "https://" + endpoint;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw Invalid("PAI3003", $"The endpoint '{Shorten(RedactUserInfo(endpoint))}' is not an absolute URL.", "Give a URL such as https://aiworkspace.cn-hangzhou.aliyuncs.com.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw Invalid("PAI3004", $"The endpoint scheme '{uri.Scheme}' is not supported; PAI is reached over https.", "Start the endpoint with https://.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw Invalid("PAI3008", "The endpoint contains a user name or password; PAI requests are authenticated by their signature only.", "Remove the 'user:password@' part from the endpoint.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !LoopbackHost.Is(uri.Host))
        {
            throw Invalid("PAI3005", $"The endpoint {uri.GetLeftPart(UriPartial.Authority)} uses plain http; only loopback hosts (localhost, 127.0.0.1, ::1) may.", "Use https://, or plain http only for a local emulator.");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Invalid("PAI3006", $"The endpoint {uri.GetLeftPart(UriPartial.Path)} has a query or fragment.", "Remove everything from '?' or '#' on.");
        }

        if (uri.AbsolutePath != "/")
        {
            throw Invalid("PAI3009", $"The endpoint has the path '{uri.AbsolutePath}'; PAI's API paths start at the host's root.", $"Use {uri.GetLeftPart(UriPartial.Authority)} without a path.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static PaiConfigurationException Invalid(string code, string message, string fix) =>
        new(code, message, $"{fix} (--endpoint / PaiEndpoint)");

    private static bool IsRegionId(string region)
    {
        foreach (var c in region)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return region.Length <= 64 && region[0] != '-' && region[^1] != '-';
    }

    /// <summary>Hides any <c>user:password@</c> part so a mistyped URL with credentials is never echoed.</summary>
    internal static string RedactUserInfo(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], start);
        var at = url.LastIndexOf('@', authorityEnd < 0 ? url.Length - 1 : authorityEnd);
        return at < start ? url : string.Concat(url.AsSpan(0, start), "***@", url.AsSpan(at + 1));
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
