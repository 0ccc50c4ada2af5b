using Microsoft.AspNetCore.Http;
using PaiImage.Emulator.Signing;

namespace PaiImage.Emulator.Hosting;

/// <summary>A verified API request, handed from the pipeline to the operation handlers.</summary>
internal sealed record ApiRequest(string RequestId, RawRequestTarget Target, byte[] Body, EmulatorCredential Credential)
{
    public static ApiRequest Of(HttpContext context) =>
        context.Features.Get<ApiRequest>() ?? throw new InvalidOperationException("The request did not pass the emulator pipeline.");

    public string? Query(string name) => Target.Query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}

/// <summary>Endpoint metadata naming the API operation (the expected x-acs-action) of a route.</summary>
internal sealed record PaiOperation(string Action);
