namespace PaiImage.Core.Endpoints;

/// <summary>Region → aiworkspace.{region}.aliyuncs.com, VPC → aiworkspace-vpc.{region}.aliyuncs.com, or an explicit URL.</summary>
public static class PaiEndpointResolver
{
    /// <summary>Resolves and checks the endpoint; plain http only for loopback hosts. Throws PaiConfigurationException (PAI30xx).</summary>
    // CONTRACT STUB — implemented by the signing work.
    public static Uri Resolve(string? regionId, bool useVpc, string? explicitEndpoint) =>
        throw new NotImplementedException($"{regionId} {useVpc} {explicitEndpoint}");
}
