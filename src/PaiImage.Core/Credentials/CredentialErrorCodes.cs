namespace PaiImage.Core.Credentials;

/// <summary>The PAI31xx codes of the credential chain.</summary>
internal static class CredentialErrorCodes
{
    public const string NoCredentials = "PAI3100";
    public const string OidcTokenFile = "PAI3101";
    public const string CliConfigMalformed = "PAI3102";
    public const string CliProfileInvalid = "PAI3103";
    public const string CliProfileCycle = "PAI3104";
    public const string IniFileMalformed = "PAI3105";
    public const string IniSectionInvalid = "PAI3106";
    public const string CredentialsFileMissing = "PAI3107";
    public const string StsRefused = "PAI3110";
    public const string StsUnavailable = "PAI3111";
    public const string EcsMetadataInvalid = "PAI3112";
    public const string EcsMetadataUnreachable = "PAI3113";
    public const string EcsNoRoleAttached = "PAI3114";
    public const string ImdsV2Required = "PAI3115";
    public const string CredentialsUriFailed = "PAI3116";
    public const string InvalidSetting = "PAI3117";
    public const string ExpiredRefreshFailed = "PAI3118";
}
