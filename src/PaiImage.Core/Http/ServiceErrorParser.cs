using System.Globalization;
using System.Text;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Http;

/// <summary>Turns an error response into a <see cref="PaiServiceException"/> with every field Alibaba sends.</summary>
public static class ServiceErrorParser
{
    private const int SnippetLength = 160;

    /// <summary>
    /// Reads Alibaba's error body (RequestId, HostId, Code, Message, Recommend; any casing) or, when the body is
    /// not JSON or cut short, still produces a clear error naming the status. Adds the clock difference for
    /// InvalidTimeStamp.Expired (from the Date header) and our string to sign for SignatureDoesNotMatch
    /// (from <see cref="AcsSigningHandler.SignatureOption"/> on the request).
    /// </summary>
    public static PaiServiceException Parse(HttpResponseMessage response, string body, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(clock);
        body ??= string.Empty;

        var status = (int)response.StatusCode;
        var error = ServiceErrorBody.TryRead(body);
        var requestId = error?.RequestId ?? HeaderValue(response, "x-acs-request-id");
        var code = error?.Code;
        var context = new ErrorContext(response, status, error, requestId);

        if ((code?.Contains("Throttling", StringComparison.OrdinalIgnoreCase) ?? false) || RetryAfter.HasAcsHeader(response))
        {
            var wait = RetryAfter.TryGet(response, clock, out var delay) ? $" The service asked to wait {FormatDuration(delay)}." : string.Empty;
            return context.Create("PAI1002", $"PAI throttled the request{context.CodeAndMessage}.{wait}", "Retry later with backoff; the limit is shared by every AccessKey of the account.", isTransient: true);
        }

        if (error is null)
        {
            var isTransient = status >= 500;
            return context.Create(
                "PAI1005",
                $"PAI answered HTTP {status} {response.ReasonPhrase} with a body that is not an Alibaba Cloud error: {Snippet(body)}.",
                isTransient
                    ? "A gateway or proxy between this machine and PAI failed; retry later, and check HTTPS_PROXY / NO_PROXY if it persists."
                    : "The answer did not come from PAI: check the endpoint URL and any proxy (HTTPS_PROXY / NO_PROXY).",
                isTransient);
        }

        if (status >= 500)
        {
            return context.Create("PAI1001", $"PAI failed with HTTP {status}{context.CodeAndMessage}.", "This is usually temporary: retry later. If it persists, report the RequestId to Alibaba Cloud support.", isTransient: true);
        }

        return code switch
        {
            "SignatureNonceUsed" => context.Create(
                "PAI1009", $"PAI had already seen this request's signature nonce{context.CodeAndMessage}.", "Retry: every attempt is signed with a new nonce.", isTransient: true),
            "SignatureDoesNotMatch" or "IncompleteSignature" => context.Create(
                "PAI1003", $"PAI did not accept the request signature{context.CodeAndMessage}.{OurStringToSign(response)}",
                "Check that the AccessKey secret belongs to the AccessKey id in use, that no proxy rewrites the request's headers or body, and that the local clock is right."),
            "InvalidTimeStamp.Expired" => context.Create(
                "PAI1004", $"PAI rejected the request time{context.CodeAndMessage}. {ClockDifference(response, clock)}",
                "Synchronise the local clock (NTP); PAI accepts requests only within 15 minutes of its own time."),
            _ when IsCredentialProblem(code) => context.Create(
                "PAI1007", $"PAI rejected the credentials or their permissions{context.CodeAndMessage}.{MissingAction(error)}", CredentialFix(code)),
            _ when status == 404 && !(code?.StartsWith("InvalidAction", StringComparison.Ordinal) ?? false) => context.Create(
                "PAI1008", $"PAI found nothing at {RequestTarget(response)}{context.CodeAndMessage}.",
                "Check the image id, and that the region or endpoint is the one the image was registered in."),
            _ => context.Create(
                "PAI1006", $"PAI refused the request: {code ?? $"HTTP {status}"}: {error.Message?.TrimEnd('.') ?? "(no message)"}.",
                "Correct the request as the message says."),
        };
    }

    private static bool IsCredentialProblem(string? code) =>
        code is not null
        && (code.StartsWith("InvalidAccessKeyId", StringComparison.Ordinal)
            || code.StartsWith("InvalidSecurityToken", StringComparison.Ordinal)
            || code.StartsWith("Forbidden", StringComparison.Ordinal)
            || code.StartsWith("NoPermission", StringComparison.Ordinal));

    private static string CredentialFix(string? code) =>
        code!.StartsWith("InvalidAccessKeyId", StringComparison.Ordinal) || code.StartsWith("InvalidSecurityToken", StringComparison.Ordinal)
            ? "Check that the AccessKey id exists and is enabled; temporary (STS) credentials must not have expired."
            : "Grant the RAM user or role the paiimage:* actions it needs (for example paiimage:AddImage, paiimage:ListImages) and membership of the workspace.";

    private static string MissingAction(ServiceErrorBody error) =>
        error.AuthAction is null ? string.Empty : $" Missing permission: {error.AuthAction}.";

    private static string OurStringToSign(HttpResponseMessage response) =>
        response.RequestMessage?.Options.TryGetValue(AcsSigningHandler.SignatureOption, out var signature) == true
            ? $" Our string to sign was '{signature.Describe().StringToSign.Replace("\n", "\\n", StringComparison.Ordinal)}'."
            : string.Empty;

    private static string ClockDifference(HttpResponseMessage response, TimeProvider clock)
    {
        if (response.Headers.Date is not { } serverTime)
        {
            return "The server sent no Date header, so the clock difference is unknown.";
        }

        var difference = clock.GetUtcNow() - serverTime;
        return difference.Duration() < TimeSpan.FromSeconds(1)
            ? "The local clock agrees with the server's Date header; the request may have been delayed or replayed."
            : $"The local clock is {FormatDuration(difference.Duration())} {(difference > TimeSpan.Zero ? "ahead of" : "behind")} the server.";
    }

    private static string RequestTarget(HttpResponseMessage response) =>
        response.RequestMessage is { RequestUri: { } uri } request ? $"{request.Method} {uri.AbsolutePath}" : "the requested path";

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    internal static string FormatDuration(TimeSpan duration)
    {
        var hours = (long)duration.TotalHours;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours} h {duration.Minutes} min {duration.Seconds} s")
            : duration.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes} min {duration.Seconds} s")
                : duration.TotalSeconds >= 1
                    ? string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds} s")
                    : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMilliseconds} ms");
    }

    /// <summary>The body's text without markup or control characters, whitespace collapsed, cut short.</summary>
    internal static string Snippet(string body)
    {
        var builder = new StringBuilder(SnippetLength);
        var inTag = false;
        foreach (var c in body)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
                AppendSpace(builder);
            }
            else if (!inTag)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    AppendSpace(builder);
                }
                else
                {
                    builder.Append(c);
                }
            }

            if (builder.Length > SnippetLength)
            {
                return $"\"{builder.ToString(0, SnippetLength).Trim()}…\"";
            }
        }

        var text = builder.ToString().Trim();
        return text.Length == 0 ? "(empty body)" : $"\"{text}\"";
    }

    private static void AppendSpace(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != ' ')
        {
            builder.Append(' ');
        }
    }

    /// <summary>What every error message shares: the service's code and message, the RequestId, the Recommend link.</summary>
    private sealed record ErrorContext(HttpResponseMessage Response, int Status, ServiceErrorBody? Error, string? RequestId)
    {
        public string CodeAndMessage => Error switch
        {
            { Code: { } code, Message: { } message } => $" ({code}: {message.TrimEnd('.')})",
            { Code: { } code } => $" ({code})",
            { Message: { } message } => $" ({message.TrimEnd('.')})",
            _ => string.Empty,
        };

        public PaiServiceException Create(string code, string message, string fix, bool isTransient = false)
        {
            var fullMessage = RequestId is null ? message : $"{message} RequestId: {RequestId}.";
            var fullFix = Error?.Recommend is { } recommend ? $"{fix} See {recommend}" : fix;
            return new PaiServiceException(
                code, fullMessage, fullFix, Status, Error?.Code, Error?.Message, RequestId, Error?.HostId, Error?.Recommend, isTransient);
        }
    }
}
