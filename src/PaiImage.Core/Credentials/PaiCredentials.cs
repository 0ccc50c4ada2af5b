namespace PaiImage.Core.Credentials;

/// <summary>
/// An AccessKey pair, optionally with an STS security token. The secret and token never appear in
/// <see cref="ToString"/>, so logging or formatting an instance cannot leak them.
/// </summary>
/// <param name="AccessKeyId">The AccessKey id (for STS credentials, the temporary id, usually <c>STS.…</c>).</param>
/// <param name="AccessKeySecret">The AccessKey secret. Never log it.</param>
/// <param name="SecurityToken">The STS security token, or null for long-term keys. Never log it.</param>
/// <param name="Expiration">When temporary credentials expire; null when they do not.</param>
/// <param name="Source">Which provider produced them, e.g. <c>environment</c> or <c>cli-profile:default</c>.</param>
public sealed record PaiCredentials(
    string AccessKeyId,
    string AccessKeySecret,
    string? SecurityToken = null,
    DateTimeOffset? Expiration = null,
    string Source = "static")
{
    public override string ToString() =>
        $"PaiCredentials {{ AccessKeyId = {AccessKeyId}, AccessKeySecret = ***, SecurityToken = {(SecurityToken is null ? "none" : "***")}, Expiration = {Expiration?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, Source = {Source} }}";
}
