using PaiImage.Core.Credentials;

namespace PaiImage.Core.Tests.Client;

/// <summary>Client options for tests: the fake's endpoint, fixed credentials, no environment (so no proxy), tiny backoff.</summary>
internal static class ClientTestOptions
{
    public static PaiClientOptions For(Uri endpoint, Action<PaiClientOptions>? adjust = null)
    {
        var options = new PaiClientOptions
        {
            Endpoint = endpoint.ToString(),
            CredentialProvider = new StaticCredentialProvider(new PaiCredentials("test-access-key-id", "test-access-key-secret")),
            CredentialChain = new CredentialChainOptions { GetEnvironmentVariable = _ => null, HomeDirectory = Path.GetTempPath() },
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(30),
        };
        adjust?.Invoke(options);
        return options;
    }
}
