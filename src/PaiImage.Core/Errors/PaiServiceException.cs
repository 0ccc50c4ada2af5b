namespace PaiImage.Core.Errors;

/// <summary>
/// The service answered with an error (Alibaba's error body: RequestId, HostId, Code, Message, Recommend),
/// or with a body that could not be read (for example an HTML page from a proxy).
/// </summary>
public sealed class PaiServiceException : PaiException
{
    public PaiServiceException(
        string code,
        string message,
        string? fix,
        int statusCode,
        string? serviceCode,
        string? serviceMessage,
        string? requestId,
        string? hostId,
        string? recommend,
        bool isTransient,
        Exception? innerException = null)
        : base(code, message, fix, innerException)
    {
        StatusCode = statusCode;
        ServiceCode = serviceCode;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
        HostId = hostId;
        Recommend = recommend;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The service's own error code, e.g. <c>SignatureDoesNotMatch</c>; null when the body was not Alibaba's.</summary>
    public string? ServiceCode { get; }

    public string? ServiceMessage { get; }

    public string? RequestId { get; }

    public string? HostId { get; }

    public string? Recommend { get; }

    /// <summary>True for throttling, 5xx and unreadable bodies: worth retrying.</summary>
    public bool IsTransient { get; }

    public override PaiErrorKind Kind => IsTransient ? PaiErrorKind.ServiceFailure : PaiErrorKind.ServiceRefused;
}

/// <summary>The network failed (connection refused or dropped, timeout), after retries (PAI1xxx).</summary>
public sealed class PaiTransportException(string code, string message, string? fix = null, Exception? innerException = null)
    : PaiException(code, message, fix, innerException)
{
    public override PaiErrorKind Kind => PaiErrorKind.ServiceFailure;
}

/// <summary>The image name is already registered with another URI and the policy says fail (PAI1xxx).</summary>
public sealed class PaiConflictException(string code, string message, string? fix, string existingImageId, string existingImageUri)
    : PaiException(code, message, fix)
{
    public string ExistingImageId { get; } = existingImageId;

    public string ExistingImageUri { get; } = existingImageUri;

    public override PaiErrorKind Kind => PaiErrorKind.ServiceRefused;
}
