using PaiImage.Core.Errors;

namespace PaiImage.Core.Validation;

/// <summary>Collects every broken rule of one request, so the user sees all of them at once.</summary>
internal sealed class ValidationErrorList
{
    private const int MaxShownValueLength = 60;

    private readonly List<ValidationError> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <param name="rule">What the value must be, as a sentence fragment: "must be at most 50 characters".</param>
    public void Add(string code, string field, string? value, string rule, string? fix)
    {
        var shown = Shorten(value);
        var message = shown is null ? $"{field} {rule}." : $"{field} '{shown}' {rule}.";
        _errors.Add(new ValidationError(code, field, shown, message, fix));
    }

    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new PaiValidationException(_errors.ToArray());
        }
    }

    private static string? Shorten(string? value) =>
        value is null || value.Length <= MaxShownValueLength ? value : string.Concat(value.AsSpan(0, MaxShownValueLength), "…");
}
