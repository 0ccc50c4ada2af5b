namespace PaiImage.Core.Credentials.Sts;

/// <summary>What to ask STS for: the role, the session, and where STS is.</summary>
/// <param name="RoleArn">acs:ram::UID:role/NAME.</param>
/// <param name="SessionName">Null means ALIBABA_CLOUD_ROLE_SESSION_NAME or <c>pai-image-&lt;unix ms&gt;</c>.</param>
/// <param name="DurationSeconds">Lifetime of the credentials (STS requires at least 900).</param>
/// <param name="Policy">An optional policy narrowing the role's permissions.</param>
/// <param name="ExternalId">An optional external id (AssumeRole only).</param>
/// <param name="Endpoint">The STS base address.</param>
internal sealed record StsRoleSettings(
    string RoleArn,
    string? SessionName,
    int DurationSeconds,
    string? Policy,
    string? ExternalId,
    Uri Endpoint)
{
    public const int DefaultDurationSeconds = 3600;
}
