namespace PaiImage.Core.Credentials;

/// <summary>The environment variables Alibaba's credential libraries define, as this chain honours them.</summary>
public static class CredentialEnvironment
{
    public const string AccessKeyId = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public const string AccessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public const string SecurityToken = "ALIBABA_CLOUD_SECURITY_TOKEN";
    public const string RoleArn = "ALIBABA_CLOUD_ROLE_ARN";
    public const string OidcProviderArn = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
    public const string OidcTokenFile = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
    public const string RoleSessionName = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
    public const string Profile = "ALIBABA_CLOUD_PROFILE";
    public const string CliProfileDisabled = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
    public const string CredentialsFile = "ALIBABA_CLOUD_CREDENTIALS_FILE";
    public const string EcsMetadata = "ALIBABA_CLOUD_ECS_METADATA";
    public const string EcsMetadataDisabled = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
    public const string ImdsV1Disabled = "ALIBABA_CLOUD_IMDSV1_DISABLED";
    public const string CredentialsUri = "ALIBABA_CLOUD_CREDENTIALS_URI";
    public const string StsEndpoint = "ALIBABA_CLOUD_STS_ENDPOINT";
    public const string StsRegion = "ALIBABA_CLOUD_STS_REGION";
    public const string VpcEndpointEnabled = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";

    /// <summary>Every variable above, in the order the chain reads them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AccessKeyId, AccessKeySecret, SecurityToken, RoleArn, OidcProviderArn, OidcTokenFile, RoleSessionName,
        Profile, CliProfileDisabled, CredentialsFile, EcsMetadata, EcsMetadataDisabled, ImdsV1Disabled,
        CredentialsUri, StsEndpoint, StsRegion, VpcEndpointEnabled,
    ];
}
