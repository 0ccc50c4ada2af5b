namespace PaiImage.Tool.Batch;

/// <summary>Codes of problems in a batch file (the tool's PAI21xx range).</summary>
internal static class BatchErrorCodes
{
    public const string Unreadable = "PAI2123";
    public const string NotAJsonObject = "PAI2124";
    public const string BadField = "PAI2125";
    public const string DuplicateName = "PAI2126";
}
