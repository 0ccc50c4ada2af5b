using Microsoft.Extensions.Logging;

namespace PaiImage.Core.Credentials;

/// <summary>Log lines of the credential chain; none carries a secret.</summary>
internal static partial class CredentialLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Credential source {Source} did not apply: {Reason}")]
    public static partial void SourceSkipped(this ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Using Alibaba Cloud credentials from {Source}")]
    public static partial void SourceSelected(this ILogger logger, string source);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Refreshing the temporary credentials from {Source}, which expire at {Expiration:O}")]
    public static partial void Refreshing(this ILogger logger, string source, DateTimeOffset expiration);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Could not refresh the temporary credentials from {Source}; still using the current ones, valid until {Expiration:O}. {Error}")]
    public static partial void RefreshFailedKeptCurrent(this ILogger logger, string source, DateTimeOffset expiration, string error);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "The IMDSv2 token request returned HTTP {Status}; falling back to IMDSv1")]
    public static partial void ImdsV1Fallback(this ILogger logger, int status);
}
