namespace PaiImage.Emulator;

/// <summary>Error codes the emulator answers with; the numeric ones are the emulator's business codes.</summary>
public static class ErrorCodes
{
    public const string SignatureDoesNotMatch = "SignatureDoesNotMatch";
    public const string IncompleteSignature = "IncompleteSignature";
    public const string InvalidAccessKeyIdNotFound = "InvalidAccessKeyId.NotFound";
    public const string InvalidSecurityTokenMissing = "InvalidSecurityToken.Missing";
    public const string InvalidSecurityTokenMismatch = "InvalidSecurityToken.Mismatch";
    public const string InvalidTimeStampExpired = "InvalidTimeStamp.Expired";
    public const string InvalidTimeStampFormat = "InvalidTimeStamp.Format";
    public const string SignatureNonceUsed = "SignatureNonceUsed";
    public const string InvalidActionNotFound = "InvalidAction.NotFound";
    public const string InvalidVersion = "InvalidVersion";
    public const string ThrottlingUser = "Throttling.User";
    public const string InternalError = "InternalError";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string InvalidParameter = "InvalidParameter";
    public const string MissingParameter = "MissingParameter";

    /// <summary>AddImage: the Name already exists in the workspace (HTTP 400).</summary>
    public const string ImageNameDuplicated = "100400011";

    /// <summary>AddImage: the caller-chosen ImageId already exists (HTTP 400).</summary>
    public const string ImageIdDuplicated = "100400012";

    /// <summary>Any operation on an unknown ImageId (HTTP 404).</summary>
    public const string ImageNotFound = "100404001";
}
