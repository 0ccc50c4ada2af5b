namespace PaiImage.Emulator.Signing;

/// <summary>The parts of <c>ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…</c>.</summary>
internal sealed record AuthorizationHeader(string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    public static AuthorizationHeader Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Incomplete("The Authorization header is missing.");
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || value[..space] != Algorithm)
        {
            throw Incomplete($"The Authorization header must start with \"{Algorithm} \".");
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value[(space + 1)..].Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }

        if (!parts.TryGetValue("Credential", out var credential) || credential.Length == 0
            || !parts.TryGetValue("SignedHeaders", out var signedHeaders) || signedHeaders.Length == 0
            || !parts.TryGetValue("Signature", out var signature) || signature.Length == 0)
        {
            throw Incomplete("The Authorization header needs non-empty Credential, SignedHeaders and Signature.");
        }

        return new AuthorizationHeader(credential, signedHeaders.Split(';'), signature);
    }

    private static ApiException Incomplete(string detail) =>
        new(400, ErrorCodes.IncompleteSignature, $"The request signature does not conform to Aliyun standards. {detail}");
}
