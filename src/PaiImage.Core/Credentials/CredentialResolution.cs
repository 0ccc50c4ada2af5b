namespace PaiImage.Core.Credentials;

/// <summary>
/// The outcome of walking the credential chain: the credentials, the source that supplied them, and why each
/// source tried before it did not apply. Holds no secret outside <see cref="Credentials"/>, whose
/// <see cref="PaiCredentials.ToString"/> masks them.
/// </summary>
/// <param name="Credentials">The credentials to sign with.</param>
/// <param name="Source">The source that supplied them, e.g. <c>environment</c>, <c>cli-profile:dev (mode RamRoleArn)</c>.</param>
/// <param name="SkippedSources">Each source tried earlier, in chain order, with the reason it did not apply.</param>
public sealed record CredentialResolution(
    PaiCredentials Credentials,
    string Source,
    IReadOnlyList<SkippedCredentialSource> SkippedSources);

/// <summary>A source of the chain that did not supply credentials, and why.</summary>
/// <param name="Source">The source kind: <c>environment</c>, <c>oidc-role</c>, <c>cli-profile</c>, <c>ini-file</c>, <c>ecs-ram-role</c> or <c>credentials-uri</c>.</param>
/// <param name="Reason">Why it did not apply, e.g. which variable or file is missing.</param>
public sealed record SkippedCredentialSource(string Source, string Reason);
