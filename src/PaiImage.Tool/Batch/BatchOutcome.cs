using PaiImage.Core.Errors;
using PaiImage.Core.Registration;

namespace PaiImage.Tool.Batch;

/// <summary>How one line of a batch ended: exactly one of <see cref="Result"/> and <see cref="Error"/> is set.</summary>
internal sealed record BatchOutcome(int Line, string? Name, RegistrationResult? Result, PaiException? Error)
{
    public static BatchOutcome Rejected(BatchEntry entry) => new(entry.Line, entry.Name, null, entry.Error);

    public static BatchOutcome Registered(BatchItemResult result) =>
        new(result.Item.Line, result.Item.Request.Name, result.Result, result.Error);
}
