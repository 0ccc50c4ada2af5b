using System.Net;
using System.Text.Json;
using PaiImage.Core.Errors;

namespace PaiImage.Core.Credentials.Remote;

/// <summary>
/// Reads an ECS instance's RAM-role credentials from the metadata service: an IMDSv2 token first
/// (PUT /latest/api/token), falling back to IMDSv1 unless ALIBABA_CLOUD_IMDSV1_DISABLED=true, then the role
/// name (unless given) and the role's credentials.
/// </summary>
internal sealed class EcsMetadataClient(CredentialContext context)
{
    private const string TokenHeader = "X-aliyun-ecs-metadata-token";
    private const string TokenTtlHeader = "X-aliyun-ecs-metadata-token-ttl-seconds";
    private const string CredentialsPath = "latest/meta-data/ram/security-credentials/";

    private Uri BaseAddress => context.Options.MetadataEndpoint ?? new Uri("http://100.100.100.200/");

    /// <summary>Returns the role name used and its credentials.</summary>
    /// <exception cref="PaiConfigurationException">PAI3113 unreachable, PAI3114 no role attached, PAI3115 IMDSv2 required, PAI3112 bad answer.</exception>
    public async Task<(string RoleName, PaiCredentials Credentials)> FetchAsync(string? roleName, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        roleName ??= await DiscoverRoleNameAsync(token, cancellationToken).ConfigureAwait(false);

        var (status, body) = await SendAsync(HttpMethod.Get, CredentialsPath + Uri.EscapeDataString(roleName), token, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Invalid($"returned HTTP {(int)status} for the credentials of RAM role '{roleName}'.");
        }

        return (roleName, ReadCredentials(roleName, body));
    }

    private async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(BaseAddress, "latest/api/token"));
        request.Headers.Add(TokenTtlHeader, "21600");
        var (status, body) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.OK && !string.IsNullOrWhiteSpace(body))
        {
            return body.Trim();
        }

        if (context.EnvIsTrue(CredentialEnvironment.ImdsV1Disabled))
        {
            throw new PaiConfigurationException(
                CredentialErrorCodes.ImdsV2Required,
                $"The ECS metadata service at {BaseAddress} refused an IMDSv2 token (HTTP {(int)status}) and {CredentialEnvironment.ImdsV1Disabled}=true forbids IMDSv1.",
                $"Enable IMDSv2 on the instance, or unset {CredentialEnvironment.ImdsV1Disabled}.");
        }

        context.Logger.ImdsV1Fallback((int)status);
        return null;
    }

    private async Task<string> DiscoverRoleNameAsync(string? token, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, CredentialsPath, token, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound || (status == HttpStatusCode.OK && string.IsNullOrWhiteSpace(body)))
        {
            throw new PaiConfigurationException(
                CredentialErrorCodes.EcsNoRoleAttached,
                $"The ECS metadata service at {BaseAddress} reports no RAM role attached to this instance.",
                "Attach a RAM role to the instance, or provide credentials another way.");
        }

        if (status != HttpStatusCode.OK)
        {
            throw Invalid($"returned HTTP {(int)status} when asked for the instance's RAM role name.");
        }

        return body.Trim().Split('\n')[0].Trim();
    }

    private PaiCredentials ReadCredentials(string roleName, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var code = TemporaryCredentialsReader.GetString(root, "Code");
            if (code != "Success")
            {
                throw Invalid($"answered Code '{code ?? "(none)"}' instead of 'Success' for RAM role '{roleName}'.");
            }

            return TemporaryCredentialsReader.Read(root, out var problems)
                ?? throw Invalid($"answered for RAM role '{roleName}' without {string.Join(", ", problems)}.");
        }
        catch (JsonException ex)
        {
            throw Invalid($"answered for RAM role '{roleName}' with a body that is not JSON.", ex);
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Add(TokenHeader, token);
        }

        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await context.MetadataHttp.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PaiConfigurationException(
                CredentialErrorCodes.EcsMetadataUnreachable,
                $"The ECS metadata service at {BaseAddress} did not answer ({ex.GetType().Name}); this is expected outside ECS.",
                $"Outside ECS, provide credentials another way (and set {CredentialEnvironment.EcsMetadataDisabled}=true to skip this probe).",
                ex);
        }
    }

    private PaiConfigurationException Invalid(string problem, Exception? inner = null) => new(
        CredentialErrorCodes.EcsMetadataInvalid,
        $"The ECS metadata service at {BaseAddress} {problem}",
        "Check the RAM role attached to the instance (its name in ALIBABA_CLOUD_ECS_METADATA or the profile) and retry.",
        inner);
}
