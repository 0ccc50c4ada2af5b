namespace PaiImage.Core.Errors;

/// <summary>
/// Base of every error the core raises on purpose. <see cref="Code"/> is a stable <c>PAI####</c> code;
/// the message says what went wrong and <see cref="Fix"/> what to do about it. Messages never contain a secret.
/// Ranges: PAI1xxx service and transport, PAI2xxx invalid input, PAI3xxx credentials and configuration,
/// PAI4xxx MSBuild task parameters.
/// </summary>
public abstract class PaiException : Exception
{
    protected PaiException(string code, string message, string? fix, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Fix = fix;
    }

    /// <summary>The stable error code, e.g. <c>PAI2001</c>.</summary>
    public string Code { get; }

    /// <summary>What the user should do, or null when the message says it already.</summary>
    public string? Fix { get; }

    /// <summary>The kind of failure; front ends map it to exit codes or MSBuild diagnostics.</summary>
    public abstract PaiErrorKind Kind { get; }

    /// <summary>One line: <c>PAI2001: message Fix: fix</c>.</summary>
    public string ToDiagnosticLine() => Fix is null ? $"{Code}: {Message}" : $"{Code}: {Message} Fix: {Fix}";
}

/// <summary>What kind of failure an error is; the CLI's exit codes follow it.</summary>
public enum PaiErrorKind
{
    /// <summary>The input is invalid; nothing was sent (exit code 2).</summary>
    InvalidInput = 2,

    /// <summary>No usable credentials, endpoint or other configuration (exit code 3).</summary>
    Configuration = 3,

    /// <summary>The service refused the request (exit code 4).</summary>
    ServiceRefused = 4,

    /// <summary>The service or the network failed, after retries (exit code 5).</summary>
    ServiceFailure = 5,
}

/// <summary>Bad configuration or no usable credentials (PAI3xxx).</summary>
public sealed class PaiConfigurationException(string code, string message, string? fix = null, Exception? innerException = null)
    : PaiException(code, message, fix, innerException)
{
    public override PaiErrorKind Kind => PaiErrorKind.Configuration;
}

/// <summary>Input that breaks a documented rule, raised before anything is sent (PAI2xxx).</summary>
public sealed class PaiValidationException : PaiException
{
    public PaiValidationException(IReadOnlyList<ValidationError> errors)
        : base(
            errors.Count == 1 ? errors[0].Code : "PAI2000",
            errors.Count == 1 ? errors[0].Message : $"{errors.Count} invalid values: " + string.Join(" ", errors.Select(e => $"[{e.Code}] {e.Message}")),
            errors.Count == 1 ? errors[0].Fix : null)
    {
        Errors = errors;
    }

    /// <summary>Every violation found, not just the first.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    public override PaiErrorKind Kind => PaiErrorKind.InvalidInput;
}

/// <summary>One broken rule: which field, its (truncated) value, and the rule.</summary>
/// <param name="Code">Stable code, PAI2xxx.</param>
/// <param name="Field">The API field name, e.g. <c>Name</c> or <c>Labels[2].Key</c>.</param>
/// <param name="Value">The offending value, truncated for display; never a secret.</param>
/// <param name="Message">The whole sentence, naming field, value and rule.</param>
/// <param name="Fix">How to correct it.</param>
public sealed record ValidationError(string Code, string Field, string? Value, string Message, string? Fix);
