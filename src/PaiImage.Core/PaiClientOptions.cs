using PaiImage.Core.Credentials;

namespace PaiImage.Core;

/// <summary>Where and how the client talks to PAI. Everything has a sensible default except the endpoint.</summary>
public sealed class PaiClientOptions
{
    /// <summary>Region id, e.g. <c>cn-hangzhou</c>; gives <c>aiworkspace.{region}.aliyuncs.com</c>.</summary>
    public string? RegionId { get; set; }

    /// <summary>Use <c>aiworkspace-vpc.{region}.aliyuncs.com</c> instead of the public host.</summary>
    public bool UseVpcEndpoint { get; set; }

    /// <summary>An explicit endpoint URL; wins over <see cref="RegionId"/>. Plain http only for loopback hosts.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The credentials; null means Alibaba's default chain (<see cref="DefaultCredentialChain"/>).</summary>
    public ICredentialProvider? CredentialProvider { get; set; }

    /// <summary>Settings for the default chain when <see cref="CredentialProvider"/> is null.</summary>
    public CredentialChainOptions CredentialChain { get; set; } = new();

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per operation, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Upper bound on all attempts and waits of one operation.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The clock used for x-acs-date and expiry checks.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Makes the x-acs-signature-nonce of each attempt; defaults to a new GUID.</summary>
    public Func<string>? NonceFactory { get; set; }

    /// <summary>Appended to the User-Agent header, e.g. <c>PaiImage.Build/0.1.0</c>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>The innermost handler (tests use it to fake the network); null uses a SocketsHttpHandler honouring HTTPS_PROXY/HTTP_PROXY/NO_PROXY.</summary>
    public Func<HttpMessageHandler>? PrimaryHandlerFactory { get; set; }
}
