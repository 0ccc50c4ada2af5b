using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PaiImage.Core.Credentials.Remote;
using PaiImage.Core.Errors;
using PaiImage.Core.Signing;

namespace PaiImage.Core.Credentials.Sts;

/// <summary>
/// Calls STS 2015-04-01 <c>AssumeRole</c> (signed with RPC V1 by the source credentials) and the anonymous
/// <c>AssumeRoleWithOIDC</c>. Both are POSTs: common parameters in the query, business parameters in a form body.
/// </summary>
internal sealed class StsClient(CredentialContext context)
{
    private const string Version = "2015-04-01";

    public async Task<PaiCredentials> AssumeRoleAsync(PaiCredentials source, StsRoleSettings role, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("Action", "AssumeRole"),
            new("Format", "JSON"),
            new("Version", Version),
            new("AccessKeyId", source.AccessKeyId),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureVersion", "1.0"),
            new("SignatureNonce", Guid.NewGuid().ToString()),
            new("Timestamp", Timestamp()),
        };
        if (source.SecurityToken is not null)
        {
            query.Add(new("SecurityToken", source.SecurityToken));
        }

        var form = BusinessParameters(role);
        if (role.ExternalId is not null)
        {
            form.Add(new("ExternalId", role.ExternalId));
        }

        query.Add(new("Signature", RpcV1Signer.Sign("POST", query.Concat(form), source.AccessKeySecret)));
        return await SendAsync("AssumeRole", role, query, form, [source.AccessKeySecret, source.SecurityToken], cancellationToken).ConfigureAwait(false);
    }

    public async Task<PaiCredentials> AssumeRoleWithOidcAsync(StsRoleSettings role, string oidcProviderArn, string oidcToken, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("Action", "AssumeRoleWithOIDC"),
            new("Format", "JSON"),
            new("Version", Version),
            new("Timestamp", Timestamp()),
        };
        var form = BusinessParameters(role);
        form.Add(new("OIDCProviderArn", oidcProviderArn));
        form.Add(new("OIDCToken", oidcToken));
        return await SendAsync("AssumeRoleWithOIDC", role, query, form, [oidcToken], cancellationToken).ConfigureAwait(false);
    }

    private List<KeyValuePair<string, string>> BusinessParameters(StsRoleSettings role)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("RoleArn", role.RoleArn),
            new("RoleSessionName", context.SessionName(role.SessionName)),
            new("DurationSeconds", role.DurationSeconds.ToString(CultureInfo.InvariantCulture)),
        };
        if (role.Policy is not null)
        {
            form.Add(new("Policy", role.Policy));
        }

        return form;
    }

    private string Timestamp() =>
        context.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<PaiCredentials> SendAsync(
        string action,
        StsRoleSettings role,
        List<KeyValuePair<string, string>> query,
        List<KeyValuePair<string, string>> form,
        string?[] secrets,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(role.Endpoint, "?" + Encode(query)))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Encode(form))),
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");

        HttpResponseMessage response;
        string body;
        try
        {
            response = await context.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PaiConfigurationException(
                CredentialErrorCodes.StsUnavailable,
                $"STS {action} for role {role.RoleArn} at {role.Endpoint} failed: {SecretRedactor.Redact(ex.Message, secrets)}",
                "Check the network path to STS (proxy variables HTTPS_PROXY / NO_PROXY) or set ALIBABA_CLOUD_STS_ENDPOINT / ALIBABA_CLOUD_STS_REGION.",
                ex);
        }

        using (response)
        {
            return Interpret(action, role, response.StatusCode, body, secrets);
        }
    }

    private static PaiCredentials Interpret(string action, StsRoleSettings role, HttpStatusCode status, string body, string?[] secrets)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Falls through to the "unreadable" error below.
        }

        using (document)
        {
            var root = document?.RootElement;
            if (status == HttpStatusCode.OK && root is { } ok && ok.ValueKind == JsonValueKind.Object
                && ok.TryGetProperty("Credentials", out var credentialsElement))
            {
                return TemporaryCredentialsReader.Read(credentialsElement, out var problems)
                    ?? throw new PaiConfigurationException(
                        CredentialErrorCodes.StsUnavailable,
                        $"STS {action} for role {role.RoleArn} answered without {string.Join(", ", problems)} in Credentials.",
                        "Retry later; if it persists, check the STS endpoint setting.");
            }

            var code = root is { } r ? TemporaryCredentialsReader.GetString(r, "Code") : null;
            if (code is null)
            {
                throw new PaiConfigurationException(
                    CredentialErrorCodes.StsUnavailable,
                    $"STS {action} for role {role.RoleArn} at {role.Endpoint} returned HTTP {(int)status} with a body that is not an STS answer.",
                    "Check the STS endpoint (ALIBABA_CLOUD_STS_ENDPOINT / ALIBABA_CLOUD_STS_REGION) and any proxy in between.");
            }

            var message = TemporaryCredentialsReader.GetString(root!.Value, "Message") ?? "";
            var requestId = TemporaryCredentialsReader.GetString(root.Value, "RequestId") ?? "none";
            throw new PaiConfigurationException(
                CredentialErrorCodes.StsRefused,
                $"STS {action} for role {role.RoleArn} was refused (HTTP {(int)status}, {code}): {SecretRedactor.Redact(message, secrets)} RequestId: {requestId}.",
                action == "AssumeRole"
                    ? "Check the AccessKey that assumes the role, the role ARN, and that the role's trust policy allows this account or user."
                    : "Check the role ARN, the OIDC provider ARN, that the token file holds a current token, and the role's trust policy.");
        }
    }

    private static string Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{PercentEncoding.Encode(p.Key)}={PercentEncoding.Encode(p.Value)}"));
}
