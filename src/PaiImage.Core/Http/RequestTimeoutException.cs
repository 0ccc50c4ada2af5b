namespace PaiImage.Core.Http;

/// <summary>
/// An attempt or the whole request ran past its timeout. Not an <see cref="OperationCanceledException"/>, so
/// neither HttpClient nor a caller mistakes it for cancellation by the caller.
/// </summary>
internal sealed class RequestTimeoutException(TimeSpan timeout, Exception innerException)
    : Exception($"No answer came within {timeout.TotalSeconds:0.###} s.", innerException)
{
    /// <summary>The timeout that ran out: the attempt timeout or the total timeout.</summary>
    public TimeSpan Timeout { get; } = timeout;
}
