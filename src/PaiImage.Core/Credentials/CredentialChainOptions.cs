using Microsoft.Extensions.Logging;

namespace PaiImage.Core.Credentials;

/// <summary>Inputs of Alibaba's default credential chain; every outside dependency is replaceable for tests.</summary>
public sealed class CredentialChainOptions
{
    /// <summary>An explicit profile name (CLI <c>--profile</c>); else ALIBABA_CLOUD_PROFILE, else the file's default.</summary>
    public string? ProfileName { get; set; }

    /// <summary>Reads an environment variable; tests pass a dictionary.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>The user's home folder (holds .aliyun/config.json and .alibabacloud/credentials); null = the current user's.</summary>
    public string? HomeDirectory { get; set; }

    /// <summary>Overrides the STS endpoint (default https://sts.aliyuncs.com or by ALIBABA_CLOUD_STS_REGION / ALIBABA_CLOUD_STS_ENDPOINT).</summary>
    public Uri? StsEndpoint { get; set; }

    /// <summary>Overrides the ECS metadata service (default http://100.100.100.200).</summary>
    public Uri? MetadataEndpoint { get; set; }

    /// <summary>The clock for expiry and refresh decisions.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Handler for STS and credentials-URI calls; null uses one that honours the proxy variables.</summary>
    public Func<HttpMessageHandler>? HttpHandlerFactory { get; set; }

    /// <summary>Handler for metadata calls; null uses one that never goes through a proxy.</summary>
    public Func<HttpMessageHandler>? MetadataHandlerFactory { get; set; }

    /// <summary>Timeout of each instance-metadata request (default 1 second, as Alibaba's libraries use).</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where progress and warnings go; never receives a secret.</summary>
    public ILogger? Logger { get; set; }
}
