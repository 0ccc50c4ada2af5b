namespace PaiImage.Core.Operations;

/// <summary>The stable codes of the client's own service-side errors (PAI1020–PAI1049). Never renumber one.</summary>
public static class ClientErrorCodes
{
    /// <summary>The network failed (refused, reset, dropped) on every attempt.</summary>
    public const string NetworkFailure = "PAI1020";

    /// <summary>No answer within the attempt timeout on every attempt, or the total timeout ran out.</summary>
    public const string Timeout = "PAI1021";

    /// <summary>A success reply whose body is not the JSON the operation returns.</summary>
    public const string UnreadableReply = "PAI1024";

    /// <summary>The name is registered with another ImageUri and the policy is Fail.</summary>
    public const string NameConflict = "PAI1030";

    /// <summary>AddImage failed in a way that leaves open whether the image was stored, and checking did not settle it.</summary>
    public const string OutcomeUnknown = "PAI1032";
}
