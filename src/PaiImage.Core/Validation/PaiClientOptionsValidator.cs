using PaiImage.Core.Errors;

namespace PaiImage.Core.Validation;

/// <summary>Checks <see cref="PaiClientOptions"/> values (PAI3020–PAI3049); the endpoint is checked by the resolver.</summary>
public static class PaiClientOptionsValidator
{
    public const int MaxAttemptsLimit = 10;

    /// <summary>The retry library's own bounds on a timeout.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxRetryBaseDelay = TimeSpan.FromMinutes(10);

    /// <exception cref="PaiConfigurationException">A value is out of range; the first one found is reported.</exception>
    public static void ThrowIfInvalid(PaiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            throw Invalid("PAI3020", $"MaxAttempts is {options.MaxAttempts}; it must be between 1 and {MaxAttemptsLimit} (the first attempt included).", "Set MaxAttempts to 1 for no retries, or up to 10.");
        }

        if (options.AttemptTimeout < MinTimeout || options.AttemptTimeout > MaxTimeout)
        {
            throw Invalid("PAI3021", $"AttemptTimeout is {options.AttemptTimeout}; it must be between 10 ms and 24 h.", "Use a timeout such as 30 seconds.");
        }

        if (options.TotalTimeout < MinTimeout || options.TotalTimeout > MaxTimeout)
        {
            throw Invalid("PAI3022", $"TotalTimeout is {options.TotalTimeout}; it must be between 10 ms and 24 h.", "Use a timeout such as 2 minutes.");
        }

        if (options.TotalTimeout < options.AttemptTimeout)
        {
            throw Invalid("PAI3023", $"TotalTimeout ({options.TotalTimeout}) is shorter than AttemptTimeout ({options.AttemptTimeout}).", "Make TotalTimeout at least as long as AttemptTimeout.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > MaxRetryBaseDelay)
        {
            throw Invalid("PAI3024", $"RetryBaseDelay is {options.RetryBaseDelay}; it must be between 0 and 10 minutes.", "Use a delay such as 500 ms.");
        }

        if (options.UserAgent is { } userAgent && userAgent.Any(char.IsControl))
        {
            throw Invalid("PAI3025", "UserAgent contains control characters (such as a line break).", "Use a single line like PaiImage.Build/0.1.0.");
        }

        if (options.TimeProvider is null)
        {
            throw Invalid("PAI3026", "TimeProvider is not set.", "Leave TimeProvider at its default, TimeProvider.System.");
        }

        if (options.CredentialProvider is null && options.CredentialChain is null)
        {
            throw Invalid("PAI3027", "Neither CredentialProvider nor CredentialChain is set.", "Set CredentialProvider, or leave CredentialChain at its default to use Alibaba's default credential chain.");
        }
    }

    private static PaiConfigurationException Invalid(string code, string message, string fix) => new(code, message, fix);
}
