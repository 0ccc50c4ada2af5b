using PaiImage.Core.Errors;

namespace PaiImage.Core.Http;

/// <summary>Turns an error response into a <see cref="PaiServiceException"/> with every field Alibaba sends.</summary>
public static class ServiceErrorParser
{
    /// <summary>
    /// Reads Alibaba's error body (RequestId, HostId, Code, Message, Recommend; any casing) or, when the body is
    /// not JSON or cut short, still produces a clear error naming the status. Adds the clock difference for
    /// InvalidTimeStamp.Expired (from the Date header) and our string to sign for SignatureDoesNotMatch
    /// (from <see cref="AcsSigningHandler.SignatureOption"/> on the request).
    /// </summary>
    // CONTRACT STUB — implemented by the signing work.
    public static PaiServiceException Parse(HttpResponseMessage response, string body, TimeProvider clock) =>
        throw new NotImplementedException($"{response} {body} {clock}");
}
