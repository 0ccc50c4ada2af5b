namespace PaiImage.Emulator;

/// <summary>A failure answered with an Alibaba-style error body.</summary>
internal sealed class ApiException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public int? RetryAfterMs { get; init; }

    /// <summary>The server's canonical request, returned with signature mismatches to help debugging.</summary>
    public string? CanonicalRequest { get; init; }

    public static ApiException InvalidParameter(string message) => new(400, ErrorCodes.InvalidParameter, message);

    public static ApiException MissingParameter(string name) =>
        new(400, ErrorCodes.MissingParameter, $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.");

    public static ApiException ImageNotFound(string imageId) =>
        new(404, ErrorCodes.ImageNotFound, $"Image '{imageId}' does not exist.");
}
